using PdWarehouse.Warehouse;

// The build-time entry point: `dotnet build` runs this on sql/ to produce PdWarehouse.dacpac.
// Errors are printed in the form MSBuild recognises (file(line,col): error CODE: text) so the
// build fails naming the file and line. Operators use `pdw warehouse build` instead.
if (args.Length is not (2 or 3))
{
    Console.Error.WriteLine("usage: PdWarehouse.Warehouse SOURCE_DIR OUTPUT.dacpac [DATA_DICTIONARY.md]");
    return 2;
}
try
{
    var sources = WarehouseSources.Open(args[0]);
    using var model = new PackageBuilder(sources).Build(args[1]);
    Console.WriteLine($"PdWarehouse.dacpac: {model.Tables.Count} tables, {model.Views.Count} views, {model.Roles.Count} roles -> {args[1]}");
    // The dictionary is regenerated with the dacpac so a schema change and its documentation land in one commit.
    if (args.Length == 3 && DataDictionaryWriter.WriteFile(model, args[2]))
        Console.WriteLine($"Data dictionary updated: {args[2]}");
    return 0;
}
catch (ModelBuildFailedException ex)
{
    foreach (var p in ex.Problems)
        Console.Error.WriteLine(p with { File = Path.Combine(Path.GetFullPath(args[0]), p.File) });
    return 1;
}
catch (PdWarehouseException ex)
{
    Console.Error.WriteLine($"error PDW0001: {ex.Message}");
    return 1;
}
