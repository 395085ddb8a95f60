using Everest.Site.Firmware;

namespace Everest.Site.Tests.Firmware;

public sealed class FirmwareLocationTests : IDisposable
{
    private readonly DirectoryInfo _root = Directory.CreateTempSubdirectory("firmware-location-");

    [Theory]
    [InlineData("https://fw.example/v2.bin")]
    [InlineData("http://127.0.0.1:8080/fw/v2.bin")]
    public void HTTP_and_HTTPS_locations_are_fetched(string location)
    {
        Assert.NotNull(FirmwareLocation.Check(location, null, out var reason));
        Assert.Null(reason);
    }

    [Theory]
    [InlineData("ftp://fw.example/v2.bin", "scheme 'ftp'")]
    [InlineData("not a uri", "not an absolute URI")]
    [InlineData("file:///etc/passwd", "firmware.local-folder is empty")]
    public void Other_locations_are_refused_with_the_reason(string location, string expected)
    {
        Assert.Null(FirmwareLocation.Check(location, null, out var reason));
        Assert.Contains(expected, reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_file_is_fetched_only_from_under_the_local_folder()
    {
        var local = _root.CreateSubdirectory("local");
        var image = Path.Combine(local.FullName, "v2.bin");
        File.WriteAllText(image, "image");
        var outside = Path.Combine(_root.FullName, "secret.bin");
        File.WriteAllText(outside, "secret");

        Assert.NotNull(FirmwareLocation.Check(new Uri(image).ToString(), local.FullName, out _));
        Assert.Null(FirmwareLocation.Check(new Uri(outside).ToString(), local.FullName, out var reason));
        Assert.Contains("not under", reason, StringComparison.Ordinal);
        Assert.Null(FirmwareLocation.Check($"file://{local.FullName}/../secret.bin", local.FullName, out _));

        // A sibling folder whose name merely starts with the local folder's is outside too.
        var sibling = Directory.CreateDirectory(local.FullName + "-evil");
        var siblingImage = Path.Combine(sibling.FullName, "v2.bin");
        File.WriteAllText(siblingImage, "image");
        Assert.Null(FirmwareLocation.Check(new Uri(siblingImage).ToString(), local.FullName, out _));
    }

    [Fact]
    public void A_symbolic_link_out_of_the_local_folder_is_refused()
    {
        var local = _root.CreateSubdirectory("local");
        var outside = Path.Combine(_root.FullName, "secret.bin");
        File.WriteAllText(outside, "secret");
        var link = Path.Combine(local.FullName, "v2.bin");
        File.CreateSymbolicLink(link, outside);

        Assert.Null(FirmwareLocation.Check(new Uri(link).ToString(), local.FullName, out var reason));
        Assert.Contains("links out", reason, StringComparison.Ordinal);
    }

    public void Dispose() => _root.Delete(recursive: true);
}
