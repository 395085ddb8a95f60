using Everest.Site.Actors.Persistence;
using Xunit;
using static Everest.Site.Actors.TestKit.Tck.TckEvents;

namespace Everest.Site.Actors.TestKit.Tck;

/// <summary>The conformance suite every <see cref="ISnapshotStore"/> must pass.</summary>
public abstract class SnapshotStoreTck : PersistenceTck
{
    [Fact]
    public async Task Load_returns_null_when_the_stream_has_no_snapshot()
    {
        Assert.Null(await Snapshots.LoadAsync(UniqueId("snap"), SnapshotSelectionCriteria.Latest));
    }

    [Fact]
    public async Task Load_returns_the_saved_snapshot_with_its_metadata_and_bytes()
    {
        var id = UniqueId("snap");
        var metadata = new SnapshotMetadata(id, 7, Epoch.AddMinutes(1));
        await Snapshots.SaveAsync(metadata, "tck.state.v1", new byte[] { 0, 1, 2, 255 });

        var loaded = await Snapshots.LoadAsync(id, SnapshotSelectionCriteria.Latest);

        Assert.NotNull(loaded);
        Assert.Equal(metadata, loaded.Metadata);
        Assert.Equal("tck.state.v1", loaded.Manifest);
        Assert.Equal(new byte[] { 0, 1, 2, 255 }, loaded.Payload.ToArray());
    }

    [Theory]
    [InlineData(long.MaxValue, 30L)]
    [InlineData(30, 30L)]
    [InlineData(29, 20L)]
    [InlineData(20, 20L)]
    [InlineData(10, 10L)]
    [InlineData(9, null)]
    [InlineData(0, null)]
    public async Task Load_selects_the_latest_snapshot_at_or_below_the_max_sequence_nr(long maxSequenceNr, long? expected)
    {
        var id = await SaveThreeAsync();

        var loaded = await Snapshots.LoadAsync(id, new SnapshotSelectionCriteria(maxSequenceNr));

        Assert.Equal(expected, loaded?.Metadata.SequenceNr);
    }

    [Theory]
    [InlineData(3, 30L)]
    [InlineData(2, 20L)]
    [InlineData(1, 10L)]
    [InlineData(0, null)]
    public async Task Load_honours_the_max_timestamp(int minutes, long? expected)
    {
        var id = await SaveThreeAsync();

        var loaded = await Snapshots.LoadAsync(id, new SnapshotSelectionCriteria(long.MaxValue, Epoch.AddMinutes(minutes)));

        Assert.Equal(expected, loaded?.Metadata.SequenceNr);
    }

    [Fact]
    public async Task Saving_at_an_existing_sequence_nr_replaces_that_snapshot()
    {
        var id = UniqueId("snap");
        await Snapshots.SaveAsync(new SnapshotMetadata(id, 5, Epoch), "tck.state.v1", new byte[] { 1 });
        await Snapshots.SaveAsync(new SnapshotMetadata(id, 5, Epoch.AddSeconds(1)), "tck.state.v2", new byte[] { 2, 2 });

        var loaded = await Snapshots.LoadAsync(id, SnapshotSelectionCriteria.Latest);

        Assert.NotNull(loaded);
        Assert.Equal("tck.state.v2", loaded.Manifest);
        Assert.Equal(new byte[] { 2, 2 }, loaded.Payload.ToArray());
        Assert.Equal(Epoch.AddSeconds(1), loaded.Metadata.Timestamp);
    }

    [Fact]
    public async Task Delete_removes_only_the_matching_snapshots_of_that_stream()
    {
        var id = await SaveThreeAsync();
        var other = await SaveThreeAsync();

        await Snapshots.DeleteAsync(id, new SnapshotSelectionCriteria(20));

        Assert.Equal(30, (await Snapshots.LoadAsync(id, SnapshotSelectionCriteria.Latest))?.Metadata.SequenceNr);
        Assert.Null(await Snapshots.LoadAsync(id, new SnapshotSelectionCriteria(29)));
        Assert.Equal(20, (await Snapshots.LoadAsync(other, new SnapshotSelectionCriteria(29)))?.Metadata.SequenceNr);
    }

    [Fact]
    public async Task Delete_honours_the_max_timestamp()
    {
        var id = await SaveThreeAsync();

        await Snapshots.DeleteAsync(id, new SnapshotSelectionCriteria(long.MaxValue, Epoch.AddMinutes(1)));

        Assert.Null(await Snapshots.LoadAsync(id, new SnapshotSelectionCriteria(19)));
        Assert.Equal(20, (await Snapshots.LoadAsync(id, new SnapshotSelectionCriteria(29)))?.Metadata.SequenceNr);
    }

    [Fact]
    public async Task The_store_keeps_its_own_copy_of_the_payload()
    {
        var id = UniqueId("snap");
        var buffer = new byte[] { 9, 9, 9 };
        await Snapshots.SaveAsync(new SnapshotMetadata(id, 1, Epoch), "tck.state.v1", buffer);
        buffer[0] = 0;

        var loaded = await Snapshots.LoadAsync(id, SnapshotSelectionCriteria.Latest);

        Assert.Equal(new byte[] { 9, 9, 9 }, loaded?.Payload.ToArray());
    }

    /// <summary>Snapshots at 10, 20 and 30 taken one, two and three minutes after <see cref="TckEvents.Epoch"/>.</summary>
    private async Task<string> SaveThreeAsync()
    {
        var id = UniqueId("snap");
        for (var i = 1; i <= 3; i++)
        {
            await Snapshots.SaveAsync(new SnapshotMetadata(id, i * 10, Epoch.AddMinutes(i)), "tck.state.v1", new byte[] { (byte)i });
        }

        return id;
    }
}
