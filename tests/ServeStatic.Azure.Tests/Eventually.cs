namespace ServeStatic.Azure.Tests;

/// <summary>Waits for something asynchronous (a poll, a switch) to happen, failing with <paramref name="what"/> if it does not in time.</summary>
public static class Eventually
{
    public static async Task TrueAsync(Func<Task<bool>> condition, string what, double seconds = 20)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline)
                Assert.Fail($"within {seconds} s: {what}");
            await Task.Delay(50);
        }
    }
}
