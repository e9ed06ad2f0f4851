using ServeStatic.Build;

namespace ServeStatic.Tests;

public class ParallelWorkTests
{
    [Fact]
    public void A_failure_is_rethrown_as_itself_not_wrapped()
    {
        var failure = new BuildException("/site/big.bin", "too big");
        var thrown = Assert.Throws<BuildException>(() => ParallelWork.ForEach(Enumerable.Range(0, 100), CancellationToken.None, (i, _) =>
        {
            if (i == 50)
                throw failure;
        }));
        Assert.Same(failure, thrown);
    }

    [Fact]
    public void The_first_failure_cancels_the_items_still_running_and_is_the_one_rethrown()
    {
        using var firstStarted = new ManualResetEventSlim();
        var firstWasCancelled = false;
        var failure = new BuildException("/site/b.css", "unreadable");
        var thrown = Assert.Throws<BuildException>(() => ParallelWork.ForEach([0, 1], CancellationToken.None, (i, stop) =>
        {
            if (i == 0)
            {
                firstStarted.Set();
                firstWasCancelled = stop.WaitHandle.WaitOne(TimeSpan.FromSeconds(30));
                stop.ThrowIfCancellationRequested();
            }
            else
            {
                Assert.True(firstStarted.Wait(TimeSpan.FromSeconds(30)), "the two items did not run at once; this needs two cores");
                throw failure;
            }
        }));
        Assert.Same(failure, thrown);
        Assert.True(firstWasCancelled, "the running item's token was not cancelled when the other failed");
    }
}
