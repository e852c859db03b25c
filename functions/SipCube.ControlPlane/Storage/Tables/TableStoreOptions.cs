namespace SipCube.ControlPlane.Storage.Tables;

/// <summary>Table names used by the Table Storage stores (<c>SipCube:Tables:*</c>).</summary>
public sealed class TableStoreOptions
{
    /// <summary>Table of mappings and their ConnectyCube-id index rows.</summary>
    public string MappingsTable { get; set; } = "SipCubeMappings";

    /// <summary>Table of CDRs and their call-id rows.</summary>
    public string CdrsTable { get; set; } = "SipCubeCdrs";
}
