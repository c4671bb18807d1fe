using System.Text;
using Docker.DotNet;
using Docker.DotNet.Models;

namespace Dockward.Agent.Updates;

/// <summary>Runs a hook command in a running container (<c>docker exec … sh -c</c>) and says how it ended.</summary>
internal sealed class HookRunner(IDockerClient docker)
{
    /// <summary>The most of a hook's output kept for the step's message.</summary>
    private const int MaxOutput = 2000;

    /// <summary>Null when the command exited 0 within <paramref name="timeout"/>; otherwise why it failed, with the end of its output.</summary>
    public async Task<string?> RunAsync(string containerId, string command, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var exec = await docker.Exec.ExecCreateContainerAsync(
            containerId,
            new ContainerExecCreateParameters { Cmd = ["sh", "-c", command], AttachStdout = true, AttachStderr = true },
            cancellationToken);

        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        string output;
        try
        {
            using var stream = await docker.Exec.StartAndAttachContainerExecAsync(exec.ID, tty: false, deadline.Token);
            var (stdout, stderr) = await stream.ReadOutputToEndAsync(deadline.Token);
            output = Tail(stdout + stderr);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            // The engine has no call to stop an exec: the command may still finish inside the container, but the
            // update no longer waits for it.
            return $"'{command}' did not finish within {timeout.TotalSeconds:0} s";
        }

        var result = await docker.Exec.InspectContainerExecAsync(exec.ID, cancellationToken);
        if (result.ExitCode == 0)
        {
            return null;
        }

        var why = new StringBuilder($"'{command}' exited with code {result.ExitCode}");
        if (output.Length > 0)
        {
            why.Append(": ").Append(output);
        }

        return why.ToString();
    }

    private static string Tail(string output)
    {
        var trimmed = output.Trim();
        return trimmed.Length <= MaxOutput ? trimmed : "…" + trimmed[^MaxOutput..];
    }
}
