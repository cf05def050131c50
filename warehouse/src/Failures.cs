namespace PdWarehouse.Warehouse;

/// <summary>A failure the CLI reports as one line and a non-zero exit, never as a stack trace.</summary>
public abstract class PdWarehouseException(string message, Exception? inner = null) : Exception(message, inner);

public sealed class WarehouseSourceNotFoundException(string path)
    : PdWarehouseException($"No warehouse project at '{path}': expected a folder with sql/ and reference/ (pass --source DIR).");

public sealed class ModelBuildFailedException(IReadOnlyList<ModelProblem> problems)
    : PdWarehouseException(
        $"The warehouse model has {problems.Count} error(s); first: {problems[0]}")
{
    public IReadOnlyList<ModelProblem> Problems { get; } = problems;
}

public sealed class DacpacNotFoundException(string path)
    : PdWarehouseException($"No dacpac at '{path}': run `pdw warehouse build` or pass --dacpac FILE.");

public sealed class ReferenceDataException(string file, long line, string field, string reason)
    : PdWarehouseException($"{file}: line {line}, field {field}: {reason}");

public sealed class DeploymentBlockedException(string message) : PdWarehouseException(message);

/// <summary>A model error located in its source file, in the form compilers and MSBuild print.</summary>
public sealed record ModelProblem(string File, int Line, int Column, string Code, string Message)
{
    public override string ToString() => $"{File}({Line},{Column}): error {Code}: {Message}";
}
