using Azure;

namespace Dockward.Core.Storage.Tables;

/// <summary>Probes the table service with one cheap call.</summary>
internal sealed class TableStoreHealth(TableStorage storage) : IStoreHealth
{
    public async Task<string?> ProbeAsync(CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(3));
        try
        {
            await foreach (var _ in storage.Service.QueryAsync(maxPerPage: 1, cancellationToken: timeout.Token).AsPages(pageSizeHint: 1))
            {
                break;
            }

            return null;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return "table storage did not answer within 3 s";
        }
        catch (Exception e) when (e is RequestFailedException or AggregateException or InvalidOperationException or System.Net.Http.HttpRequestException)
        {
            return $"table storage unreachable: {e.Message.Split('\n')[0]}";
        }
    }
}
