using Azure.Data.Tables;

namespace Dockward.Functions.Tests;

/// <summary>Removes a test's tables from the shared Azurite once it is done with them.</summary>
internal static class TestTables
{
    public static async Task DeleteAsync(string connectionString, string tablePrefix)
    {
        var service = new TableServiceClient(connectionString);
        await foreach (var table in service.QueryAsync())
        {
            if (table.Name.StartsWith(tablePrefix, StringComparison.Ordinal))
            {
                await service.DeleteTableAsync(table.Name);
            }
        }
    }
}
