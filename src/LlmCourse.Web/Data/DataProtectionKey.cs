namespace LlmCourse.Web.Data;

/// <summary>One key of the data-protection key ring, shared by every instance through the database.</summary>
public sealed class DataProtectionKey
{
    public int Id { get; set; }

    public string? FriendlyName { get; set; }

    /// <summary>The key's XML: encrypted with the configured certificate, or plain when none is configured.</summary>
    public string Xml { get; set; } = "";
}
