using System.Net;
using Dockward.Testing;

namespace Dockward.Functions.Tests.Detection;

[Collection(ServersCollection.Name)]
[Trait("Area", "Host")]
public sealed class CheckNowFunctionTests(Servers servers)
{
    [Fact]
    public async Task Checking_an_image_that_is_not_a_reference_is_rejected_with_400_problem_json()
    {
        await using var controlPlane = await ControlPlaneProcess.StartAsync(servers);

        using var response = await controlPlane.Admin.PostAsync(new Uri("/api/checks?image=NOT%20A%20REF", UriKind.Relative), content: null);

        var problem = await ProblemJson.ReadAsync(response, HttpStatusCode.BadRequest);
        var detail = problem.GetProperty("detail").GetString().ShouldNotBeNull();
        detail.ShouldStartWith("image: ");
        detail.ShouldContain("'NOT A REF'");
    }
}
