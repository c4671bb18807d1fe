using Dockward.Core.Detection;

namespace Dockward.Core.Tests.Storage;

/// <summary>What every <see cref="IImageCheckStore"/> backend must do; one subclass per backend.</summary>
public abstract class ImageCheckStoreContract
{
    private const string Image = "127.0.0.1:5000/team/web:1.2";
    private static readonly DateTimeOffset Checked = new(2025, 3, 1, 10, 0, 0, TimeSpan.Zero);
    private static readonly string DigestA = "sha256:" + new string('a', 64);
    private static readonly string DigestB = "sha256:" + new string('b', 64);

    /// <summary>A store over this test's own, initially empty, storage.</summary>
    private protected abstract IImageCheckStore CreateStore();

    [Fact]
    public async Task A_saved_check_reads_back_by_its_image_reference()
    {
        var store = CreateStore();
        var check = new ImageCheckRecord(Image, DigestA, CheckStatus.UpdateAvailable, Detail: "'1.3' is the highest tag newer than '1.2'", Checked)
        {
            Trigger = "webhook",
            RunningDigests = [DigestB],
            NewerTag = "1.3",
            Requests = 3,
            Sources = ["HEAD http://127.0.0.1:5000/v2/team/web/manifests/1.2", "GET http://127.0.0.1:5000/v2/team/web/tags/list"],
        };

        await store.SaveAsync(check, CancellationToken.None);

        var read = await store.GetAsync(Image, CancellationToken.None);
        read.ShouldNotBeNull();
        read.Version.ShouldNotBeNull();
        (read with { RunningDigests = [], Sources = [] }).ShouldBe(check with { Version = read.Version, RunningDigests = [], Sources = [] });
        read.RunningDigests.ShouldBe(check.RunningDigests);
        read.Sources.ShouldBe(check.Sources);
    }

    [Fact]
    public async Task An_image_never_checked_has_no_result()
    {
        var store = CreateStore();
        await store.SaveAsync(new ImageCheckRecord(Image, DigestA, CheckStatus.UpToDate, null, Checked), CancellationToken.None);

        (await store.GetAsync("127.0.0.1:5000/team/web:1.3", CancellationToken.None)).ShouldBeNull();
    }

    [Fact]
    public async Task Saving_again_replaces_the_previous_result_of_that_image()
    {
        var store = CreateStore();
        await store.SaveAsync(new ImageCheckRecord(Image, DigestA, CheckStatus.UpdateAvailable, null, Checked), CancellationToken.None);

        await store.SaveAsync(new ImageCheckRecord(Image, null, CheckStatus.Error, "127.0.0.1:5000 unreachable", Checked.AddMinutes(5)), CancellationToken.None);

        var read = await store.GetAsync(Image, CancellationToken.None);
        read!.Status.ShouldBe(CheckStatus.Error);
        read.RemoteDigest.ShouldBeNull();
        read.Detail.ShouldBe("127.0.0.1:5000 unreachable");
        read.CheckedAt.ShouldBe(Checked.AddMinutes(5));
        (await store.ListAsync(CancellationToken.None)).Count.ShouldBe(1);
    }

    [Fact]
    public async Task Listing_returns_the_latest_result_of_every_image()
    {
        var store = CreateStore();
        var pinned = "docker.io/library/nginx@" + DigestB;
        await store.SaveAsync(new ImageCheckRecord(Image, DigestA, CheckStatus.UpdateAvailable, null, Checked), CancellationToken.None);
        await store.SaveAsync(new ImageCheckRecord(Image, DigestB, CheckStatus.UpToDate, null, Checked.AddMinutes(1)), CancellationToken.None);
        await store.SaveAsync(new ImageCheckRecord(pinned, null, CheckStatus.Skipped, "pinned by digest", Checked), CancellationToken.None);

        var all = (await store.ListAsync(CancellationToken.None)).ToDictionary(c => c.Image, c => c.Status);

        all.ShouldBe(new Dictionary<string, CheckStatus> { [Image] = CheckStatus.UpToDate, [pinned] = CheckStatus.Skipped }, ignoreOrder: true);
    }

    [Fact]
    public async Task Every_check_is_kept_in_the_image_history_newest_first()
    {
        var store = CreateStore();
        await store.SaveAsync(new ImageCheckRecord(Image, DigestA, CheckStatus.UpToDate, null, Checked) { Trigger = "timer" }, CancellationToken.None);
        await store.SaveAsync(new ImageCheckRecord(Image, null, CheckStatus.Error, "429", Checked.AddMinutes(1)) { Trigger = "timer" }, CancellationToken.None);
        await store.SaveAsync(new ImageCheckRecord(Image, DigestB, CheckStatus.UpdateAvailable, null, Checked.AddMinutes(2)) { Trigger = "webhook" }, CancellationToken.None);
        await store.SaveAsync(new ImageCheckRecord("127.0.0.1:5000/team/api:1", DigestA, CheckStatus.UpToDate, null, Checked), CancellationToken.None);

        var history = await store.ListHistoryAsync(Image, 10, CancellationToken.None);

        history.Select(h => (h.Status, h.RemoteDigest, h.Trigger)).ShouldBe(
        [
            (CheckStatus.UpdateAvailable, DigestB, "webhook"),
            (CheckStatus.Error, null, "timer"),
            (CheckStatus.UpToDate, DigestA, "timer"),
        ]);
        (await store.ListHistoryAsync(Image, 1, CancellationToken.None)).Single().CheckedAt.ShouldBe(Checked.AddMinutes(2));
    }

    [Fact]
    public async Task Pruning_removes_history_older_than_the_cut_and_keeps_the_latest_results()
    {
        var store = CreateStore();
        await store.SaveAsync(new ImageCheckRecord(Image, DigestA, CheckStatus.UpToDate, null, Checked), CancellationToken.None);
        await store.SaveAsync(new ImageCheckRecord(Image, DigestB, CheckStatus.UpdateAvailable, null, Checked.AddDays(40)), CancellationToken.None);

        var pruned = await store.PruneHistoryAsync(Checked.AddDays(10), CancellationToken.None);

        pruned.ShouldBe(1);
        (await store.ListHistoryAsync(Image, 10, CancellationToken.None)).Single().RemoteDigest.ShouldBe(DigestB);
        (await store.GetAsync(Image, CancellationToken.None))!.RemoteDigest.ShouldBe(DigestB);
    }
}
