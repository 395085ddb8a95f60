using Everest.Site.Firmware;

namespace Everest.Site.Tests.Firmware;

public sealed class FirmwareDownloaderTests : IDisposable
{
    private readonly DirectoryInfo _root = Directory.CreateTempSubdirectory("firmware-download-");
    private readonly HttpClient _http = new();

    [Fact]
    public async Task A_local_image_is_copied_whole_and_no_part_file_stays()
    {
        var source = Path.Combine(_root.FullName, "v2.bin");
        await File.WriteAllBytesAsync(source, new byte[100_000]);
        var target = Path.Combine(_root.FullName, "images", "cp-1", "7-v2.bin");

        var outcome = await new FirmwareDownloader(_http).DownloadAsync(new Uri(source), target, 1_000_000, CancellationToken.None);

        Assert.Equal(target, outcome.Path);
        Assert.Equal(100_000, new FileInfo(target).Length);
        Assert.False(File.Exists(target + ".part"));
    }

    [Fact]
    public async Task An_image_over_the_size_cap_fails_for_good_and_leaves_nothing()
    {
        var source = Path.Combine(_root.FullName, "big.bin");
        await File.WriteAllBytesAsync(source, new byte[10_001]);
        var target = Path.Combine(_root.FullName, "images", "big.bin");

        var outcome = await new FirmwareDownloader(_http).DownloadAsync(new Uri(source), target, 10_000, CancellationToken.None);

        Assert.Null(outcome.Path);
        Assert.True(outcome.Permanent);
        Assert.False(File.Exists(target));
        Assert.False(File.Exists(target + ".part"));
    }

    [Fact]
    public async Task A_server_that_cannot_be_reached_is_a_failure_worth_retrying()
    {
        var outcome = await new FirmwareDownloader(_http).DownloadAsync(new Uri("http://127.0.0.1:9/v2.bin"), Path.Combine(_root.FullName, "x.bin"), 10_000, CancellationToken.None);

        Assert.Null(outcome.Path);
        Assert.False(outcome.Permanent);
        Assert.NotNull(outcome.Failure);
    }

    public void Dispose()
    {
        _http.Dispose();
        _root.Delete(recursive: true);
    }
}
