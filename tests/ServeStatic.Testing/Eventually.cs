namespace ServeStatic.Testing;

/// <summary>
/// The one way a test waits for something asynchronous (a poll, a rebuild, a switch, a log line): it asks again every
/// 50 ms and fails, saying what did not happen, when the time is up.
/// </summary>
internal static class Eventually
{
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(50);

    public static Task TrueAsync(Func<bool> condition, string what, double seconds = 20) =>
        TrueAsync(() => Task.FromResult(condition()), what, seconds);

    public static async Task TrueAsync(Func<Task<bool>> condition, string what, double seconds = 20) =>
        await ValueAsync(condition, done => done, what, seconds);

    /// <summary>Asks <paramref name="probe"/> until <paramref name="done"/> accepts its answer, and returns that answer; the failure names the last one.</summary>
    public static async Task<T> ValueAsync<T>(Func<Task<T>> probe, Func<T, bool> done, string what, double seconds = 20)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (true)
        {
            var answer = await probe();
            if (done(answer))
                return answer;
            if (DateTime.UtcNow > deadline)
                Assert.Fail(answer is bool ? $"within {seconds} s: {what}" : $"within {seconds} s: {what}; the last answer was:\n{answer}");
            await Task.Delay(Interval);
        }
    }
}
