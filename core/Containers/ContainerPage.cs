namespace Dockward.Core.Containers;

/// <summary>One page of a container list: <paramref name="Total"/> is how many passed the filters, over every page.</summary>
internal sealed record ContainerPage(IReadOnlyList<ContainerListItem> Items, int Total, int Page, int PageSize);
