using System.IO.Pipelines;
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
        Assert.Empty(Directory.EnumerateFiles(Path.GetDirectoryName(target)!, "*.part"));
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
        Assert.Empty(Directory.EnumerateFiles(Path.GetDirectoryName(target)!, "*.part"));
    }

    [Fact]
    public async Task A_server_that_cannot_be_reached_is_a_failure_worth_retrying()
    {
        var outcome = await new FirmwareDownloader(_http).DownloadAsync(new Uri("http://127.0.0.1:9/v2.bin"), Path.Combine(_root.FullName, "x.bin"), 10_000, CancellationToken.None);

        Assert.Null(outcome.Path);
        Assert.False(outcome.Permanent);
        Assert.NotNull(outcome.Failure);
    }

    [Fact]
    public async Task An_attempt_cut_late_does_not_touch_the_partial_file_of_the_attempt_after_it()
    {
        // Two attempts at the same image, as when a system actor restarted while its first attempt still ran: each
        // response body is a pipe the test feeds.
        var image = Enumerable.Range(0, 200_000).Select(i => (byte)i).ToArray();
        var (stale, current) = (new Pipe(), new Pipe());
        var responses = new PipedResponses([stale, current], image.Length);
        using var http = new HttpClient(responses);
        var downloader = new FirmwareDownloader(http);
        var target = Path.Combine(_root.FullName, "images", "cp-1", "7-v2.bin");

        var first = downloader.DownloadAsync(new Uri("http://fw.example/v2.bin"), target, 1_000_000, CancellationToken.None);
        await stale.Writer.WriteAsync(image.AsMemory(0, 50_000));
        while (responses.Answered < 1)
        {
            await Task.Delay(10);
        }

        var second = downloader.DownloadAsync(new Uri("http://fw.example/v2.bin"), target, 1_000_000, CancellationToken.None);
        await current.Writer.WriteAsync(image.AsMemory(0, 100_000));

        // The first attempt's connection is cut while the second is half-way: it fails and cleans up after itself only.
        await stale.Writer.CompleteAsync(new IOException("connection cut"));
        Assert.Null((await first).Path);
        await current.Writer.WriteAsync(image.AsMemory(100_000));
        await current.Writer.CompleteAsync();

        Assert.Equal(target, (await second).Path);
        Assert.Equal(image, await File.ReadAllBytesAsync(target));
        Assert.Empty(Directory.EnumerateFiles(Path.GetDirectoryName(target)!, "*.part"));
    }

    [Fact]
    public async Task Partial_files_left_by_earlier_attempts_are_removed_by_the_next()
    {
        var source = Path.Combine(_root.FullName, "v2.bin");
        await File.WriteAllBytesAsync(source, new byte[1_000]);
        var target = Path.Combine(_root.FullName, "images", "cp-1", "7-v2.bin");
        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        await File.WriteAllTextAsync(target + ".0123abcd.part", "left by a controller that was killed");

        var outcome = await new FirmwareDownloader(_http).DownloadAsync(new Uri(source), target, 1_000_000, CancellationToken.None);

        Assert.Equal(target, outcome.Path);
        Assert.Empty(Directory.EnumerateFiles(Path.GetDirectoryName(target)!, "*.part"));
    }

    public void Dispose()
    {
        _http.Dispose();
        _root.Delete(recursive: true);
    }

    /// <summary>Answers each request with the next pipe as its body (200, the image's length announced).</summary>
    private sealed class PipedResponses(Pipe[] bodies, long length) : HttpMessageHandler
    {
        private int _answered;

        public int Answered => Volatile.Read(ref _answered);

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var content = new StreamContent(bodies[Interlocked.Increment(ref _answered) - 1].Reader.AsStream());
            content.Headers.ContentLength = length;
            return Task.FromResult(new HttpResponseMessage(System.Net.HttpStatusCode.OK) { Content = content });
        }
    }
}
