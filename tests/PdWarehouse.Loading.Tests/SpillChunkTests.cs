using DuckDB.NET.Data;
using PdWarehouse.Etl.Engines;

namespace PdWarehouse.Loading.Tests;

/// <summary>
/// DuckDB's bulk writer copies finished spill chunks in the background while the next is written. Every row must
/// arrive once, in a transaction that still commits or rolls back whole, and a chunk DuckDB refuses must fail the
/// writer with DuckDB's own error rather than vanish on a background thread.
/// </summary>
[Collection(LoadingCollection.Name)]
public sealed class SpillChunkTests(LoadingFixture fixture)
{
    private const string Table = "etl.DecisionSequence";

    private DuckDbBulkWriter Writer(DuckDBConnection connection, int chunkRows) =>
        new(connection, fixture.Model.Table(Table), fixture.Model.Table(Table).Columns.Select(c => c.Name).ToList(), chunkRows);

    private static long Scalar(DuckDBConnection connection, string sql)
    {
        using var cmd = connection.CreateCommand();
        cmd.CommandText = sql;
        return Convert.ToInt64(cmd.ExecuteScalar());
    }

    [Theory]
    [InlineData(1_000, 5_500)]    // five chunks copied in the background, the last part by Complete
    [InlineData(1_000, 3_000)]    // the rows fill the last chunk exactly: Complete copies an empty file
    [InlineData(10_000, 10)]      // one partial chunk
    public void Every_row_arrives_once_across_chunks(int chunkRows, int rows)
    {
        using var connection = DuckDbConnectionFactory.OpenExisting(fixture.NewWarehouse());
        using var tx = connection.BeginTransaction();
        using (var writer = Writer(connection, chunkRows))
        {
            for (var i = 1; i <= rows; i++) writer.Add([7, (long)i, i % 5 + 1]);
            writer.Complete();
        }
        tx.Commit();

        Assert.Equal(rows, Scalar(connection, $"SELECT COUNT(*) FROM {Table} WHERE LineageKey = 7"));
        Assert.Equal(rows, Scalar(connection, $"SELECT COUNT(DISTINCT DiscretionDecisionRecordKey) FROM {Table}"));
        Assert.Equal((long)rows * (rows + 1) / 2, Scalar(connection, $"SELECT CAST(SUM(DiscretionDecisionRecordKey) AS BIGINT) FROM {Table}"));
        Assert.Equal(Enumerable.Range(1, rows).Sum(i => (long)(i % 5 + 1)), Scalar(connection, $"SELECT CAST(SUM(PersonDecisionSequence) AS BIGINT) FROM {Table}"));
    }

    [Fact]
    public void Chunks_copied_before_a_rollback_leave_nothing()
    {
        using var connection = DuckDbConnectionFactory.OpenExisting(fixture.NewWarehouse());
        using (var tx = connection.BeginTransaction())
        {
            using (var writer = Writer(connection, 100))
            {
                for (var i = 1; i <= 450; i++) writer.Add([7, (long)i, 1]);
            }   // disposed without Complete, as a failed staging step leaves it: waits for the chunk in flight
            Assert.Equal(400, Scalar(connection, $"SELECT COUNT(*) FROM {Table}"));   // four chunks copied, the fifth never sent
            tx.Rollback();
        }

        Assert.Equal(0, Scalar(connection, $"SELECT COUNT(*) FROM {Table}"));
    }

    [Fact]
    public void A_chunk_DuckDB_refuses_fails_the_writer_with_DuckDBs_error()
    {
        using var connection = DuckDbConnectionFactory.OpenExisting(fixture.NewWarehouse());
        using var tx = connection.BeginTransaction();
        using var writer = Writer(connection, 100);
        writer.Add([7, 1L, "not a number"]);   // PersonDecisionSequence is INT: read_csv refuses the first chunk
        var error = Record.Exception(() =>
        {
            for (var i = 2; i <= 1_000; i++) writer.Add([7, (long)i, 1]);
            writer.Complete();
        });

        Assert.IsAssignableFrom<DuckDBException>(error);
        Assert.Contains("not a number", error!.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void After_one_writers_copy_fails_the_others_report_that_failure_not_the_aborted_transaction()
    {
        using var connection = DuckDbConnectionFactory.OpenExisting(fixture.NewWarehouse());
        using var tx = connection.BeginTransaction();
        var table = fixture.Model.Table(Table);
        var columns = table.Columns.Select(c => c.Name).ToList();
        using var refused = new DuckDbBulkWriter(connection, table, columns, 100, tx);
        using var other = new DuckDbBulkWriter(connection, table, columns, 100, tx);
        refused.Add([7, 1L, "not a number"]);
        var first = Record.Exception(refused.Complete);
        other.Add([7, 2L, 1]);
        var second = Record.Exception(other.Complete);

        Assert.IsAssignableFrom<DuckDBException>(first);
        Assert.Same(first, second);
    }
}
