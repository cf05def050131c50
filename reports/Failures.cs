using PdWarehouse.Warehouse;

namespace PdWarehouse.Reports;

/// <summary>No Chromium-based browser to print with: the user has to install one or point at it.</summary>
public sealed class BrowserNotFoundException(string message) : PdWarehouseException(message);

/// <summary>The report font is not installed, so Chromium would substitute one and the PDF would not match.</summary>
public sealed class ReportFontMissingException(string message) : PdWarehouseException(message);

/// <summary>A template failed to parse or render; the message names the template file and line.</summary>
public sealed class ReportTemplateException(string message, Exception? inner = null) : PdWarehouseException(message, inner);

/// <summary>Chromium failed while loading or printing a report.</summary>
public sealed class PdfRenderException(string message, Exception? inner = null) : PdWarehouseException(message, inner);

/// <summary>The requested fiscal year or options cannot produce a report.</summary>
public sealed class ReportOptionsException(string message) : PdWarehouseException(message);

/// <summary>A report query failed on the warehouse, typically one created before the report views existed.</summary>
public sealed class ReportQueryException(string message, Exception? inner = null) : PdWarehouseException(message, inner);

/// <summary>A report's files could not be written to the output folder.</summary>
public sealed class ReportOutputException(string message, Exception? inner = null) : PdWarehouseException(message, inner);

/// <summary>A table's suppression cannot be proven: a relation does not hold, or no further cell can protect a withheld one.</summary>
public sealed class DisclosureControlException(string message) : PdWarehouseException(message);
