using System.Globalization;
using System.Text;

namespace SipCube.ControlPlane.Storage.Tables;

/// <summary>
/// Makes any string a legal Table Storage key. PartitionKey and RowKey may not contain <c>/ \ # ?</c> or control
/// characters (Azure Table service data model, "Characters disallowed in key fields"), so those and the escape
/// character itself become <c>%XX</c>. The mapping is injective and keeps plain ASCII readable.
/// </summary>
internal static class TableKey
{
    public static string Encode(string value)
    {
        var builder = new StringBuilder(value.Length + 8);
        foreach (var c in value)
        {
            if (c is '/' or '\\' or '#' or '?' or '%' || char.IsControl(c))
            {
                builder.Append('%').Append(((int)c).ToString("X2", CultureInfo.InvariantCulture));
            }
            else
            {
                builder.Append(c);
            }
        }

        return builder.ToString();
    }
}
