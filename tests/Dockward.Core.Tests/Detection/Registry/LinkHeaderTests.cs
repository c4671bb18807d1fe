using Dockward.Core.Detection.Registry;

namespace Dockward.Core.Tests.Detection.Registry;

[Trait("Area", "Detection")]
public sealed class LinkHeaderTests
{
    [Theory]
    // distribution's own form (docs.docker.com/registry/spec/api/#pagination)
    [InlineData("</v2/app/tags/list?last=b&n=2>; rel=\"next\"", "/v2/app/tags/list?last=b&n=2")]
    [InlineData("<https://r.example.com/v2/app/tags/list?last=b>; rel=next", "https://r.example.com/v2/app/tags/list?last=b")]
    [InlineData("</first>; rel=\"prev\", </second>; rel=\"next\"", "/second")]
    [InlineData("</a>; title=\"a, b; rel=next\", </b>; REL=\"next last\"", "/b")]
    [InlineData("</a>;rel=\"next\"", "/a")]
    public void The_next_link_is_found_among_links_and_parameters(string header, string next)
    {
        LinkHeader.FindNext([header]).ShouldBe(next);
    }

    [Fact]
    public void Links_spread_over_several_headers_are_all_read()
    {
        LinkHeader.FindNext(["</p>; rel=\"prev\"", "</n>; rel=\"next\""]).ShouldBe("/n");
    }

    [Theory]
    [InlineData("")]
    [InlineData("</v2/app/tags/list?last=b>; rel=\"prev\"")]
    [InlineData("</v2/app/tags/list?last=b>")]
    [InlineData("</v2/app/tags/list?last=b; rel=\"next\"")]
    [InlineData("garbage; rel=next")]
    [InlineData("</a>; rel=\"nextpage\"")]
    public void Without_a_well_formed_next_link_there_is_no_next_page(string header)
    {
        LinkHeader.FindNext([header]).ShouldBeNull();
    }
}
