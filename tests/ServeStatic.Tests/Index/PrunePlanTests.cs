using ServeStatic.Index;

namespace ServeStatic.Tests.Index;

public class PrunePlanTests
{
    private static ReleaseIndex IndexOf(params string[] keys) => new(ReleaseIndex.CurrentSchemaVersion,
        [.. keys.Select(key => new AssetRecord("/" + key, "text/plain", 1, key, "sha256-x", DateTimeOffset.UnixEpoch, false,
            [new VariantRecord(ContentEncoding.Identity, 1, key, key)]))]);

    [Fact]
    public void The_newest_are_kept_and_the_rest_deleted_both_newest_first()
    {
        var plan = PrunePlan.For(["e", "d", "c", "b", "a"], keep: 2, current: "e");

        Assert.Equal(["e", "d"], plan.KeptReleases);
        Assert.Equal(["c", "b", "a"], plan.DeletedReleases);
    }

    [Fact]
    public void The_current_release_and_the_rollback_target_are_kept_whatever_their_age()
    {
        var plan = PrunePlan.For(["d", "c", "b", "a"], keep: 1, current: "b", rollbackTarget: "a");

        Assert.Equal(["d", "b", "a"], plan.KeptReleases);
        Assert.Equal(["c"], plan.DeletedReleases);
        Assert.Equal("a", plan.RollbackTarget);
    }

    [Fact]
    public void Keeping_none_still_keeps_the_current_release()
    {
        var plan = PrunePlan.For(["b", "a"], keep: 0, current: "a");

        Assert.Equal(["a"], plan.KeptReleases);
        Assert.Equal(["b"], plan.DeletedReleases);
    }

    [Fact]
    public void A_rollback_target_that_is_no_longer_in_the_store_is_not_named()
    {
        var plan = PrunePlan.For(["b", "a"], keep: 0, current: "b", rollbackTarget: "gone");

        Assert.Null(plan.RollbackTarget);
        Assert.Equal(["a"], plan.DeletedReleases);
    }

    [Fact]
    public void Only_content_that_no_kept_release_names_goes_with_the_deleted_ones()
    {
        var orphaned = PrunePlan.ContentOnlyIn([IndexOf("shared", "old"), IndexOf("older", "shared")], [IndexOf("shared", "new")]);

        Assert.Equal(["old", "older"], orphaned.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void The_result_carries_the_plan_and_what_was_deleted_of_the_content()
    {
        var result = PrunePlan.For(["c", "b", "a"], keep: 1, current: "c", rollbackTarget: "b").Done(deletedContent: 3);

        Assert.Equal(["a"], result.DeletedReleases);
        Assert.Equal(3, result.DeletedContent);
        Assert.Equal(["c", "b"], result.KeptReleases);
        Assert.Equal("b", result.RollbackTarget);
    }
}
