namespace PdWarehouse.Reports;

/// <summary>Markup the report code produced itself (chart SVG, inlined CSS): written into templates unescaped.</summary>
public sealed record RawHtml(string Value)
{
    public override string ToString() => Value;
}
