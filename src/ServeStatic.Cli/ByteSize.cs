using System.Globalization;

namespace ServeStatic.Cli;

/// <summary>Sizes and savings for people: <c>1.4 MB</c>, <c>-72.5 %</c>.</summary>
internal static class ByteSize
{
    private static readonly string[] Units = ["B", "kB", "MB", "GB", "TB"];

    public static string Format(long bytes)
    {
        double value = bytes;
        var unit = 0;
        while (value >= 1000 && unit < Units.Length - 1)
        {
            value /= 1000;
            unit++;
        }
        return unit == 0
            ? string.Create(CultureInfo.InvariantCulture, $"{bytes} B")
            : string.Create(CultureInfo.InvariantCulture, $"{value:0.0} {Units[unit]}");
    }

    /// <summary>How much smaller <paramref name="compressed"/> is than <paramref name="original"/>, as a percentage.</summary>
    public static string Saving(long original, long compressed) =>
        original == 0 ? "0 %" : string.Create(CultureInfo.InvariantCulture, $"{100.0 * (original - compressed) / original:0.0} %");
}
