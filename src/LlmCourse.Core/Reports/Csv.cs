using System.Globalization;
using System.Text;

namespace LlmCourse.Core.Reports;

/// <summary>CSV for spreadsheets: RFC 4180 quoting, CRLF line ends, a UTF-8 byte order mark so Excel reads accents.</summary>
public static class Csv
{
    /// <summary>
    /// One field, quoted when it holds a comma, quote or line break. Text starting with =, +, -, @, tab or CR
    /// gets a leading ' so a spreadsheet shows it instead of running it as a formula (OWASP "CSV injection");
    /// numbers such as -3 are left alone.
    /// </summary>
    public static string Field(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (value.Length > 0 && "=+-@\t\r".Contains(value[0], StringComparison.Ordinal)
            && !double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out _))
        {
            value = "'" + value;
        }

        return value.IndexOfAny([',', '"', '\r', '\n']) >= 0
            ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\""
            : value;
    }

    public static StringBuilder AppendRow(this StringBuilder csv, IEnumerable<string> fields)
    {
        ArgumentNullException.ThrowIfNull(csv);
        return csv.AppendJoin(',', fields.Select(Field)).Append("\r\n");
    }

    public static byte[] ToUtf8WithBom(string csv) => [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(csv)];

    /// <summary>A number as spreadsheets read it: invariant culture, at most four decimals.</summary>
    public static string Number(double value) => value.ToString("0.####", CultureInfo.InvariantCulture);
}
