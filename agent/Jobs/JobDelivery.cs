using System.Net;
using Dockward.Agent.Journal;
using Dockward.Contracts;
using Microsoft.Extensions.Logging;

namespace Dockward.Agent.Jobs;

/// <summary>
/// Brings a journaled job's steps and result to the control plane. Every report carries the job id and the
/// step's journal number, and the control plane records each once, so delivering again (an answer was lost, the
/// agent restarted) is always safe. The journal is deleted once the control plane has the result.
/// </summary>
internal sealed class JobDelivery(IControlPlaneApi api, UpdateJournal journals, ILogger<JobDelivery> logger)
{
    /// <summary>
    /// Sends what the control plane has not acknowledged yet. True when the journal is done with (the result was
    /// accepted, or refused for good); false when the control plane could not be reached, to try again later.
    /// </summary>
    public async Task<bool> DeliverAsync(string agentId, JobJournal journal, CancellationToken cancellationToken)
    {
        if (journal.Result is not { } result)
        {
            return false;
        }

        var jobId = journal.Job.JobId;
        try
        {
            foreach (var step in journal.UndeliveredSteps())
            {
                try
                {
                    await api.ReportStepAsync(agentId, jobId, step.ToReport(), cancellationToken);
                }
                catch (Refit.ApiException e) when (e.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.BadRequest)
                {
                    // The job ended already (its result arrived before this step's answer was lost), or the step
                    // itself is refused: the result still goes.
                }

                journal.MarkDelivered(step.Sequence);
            }

            await api.ReportResultAsync(agentId, jobId, result, cancellationToken);
        }
        catch (Refit.ApiException e) when (e.StatusCode is HttpStatusCode.BadRequest or HttpStatusCode.Forbidden or HttpStatusCode.NotFound or HttpStatusCode.Gone or HttpStatusCode.UnprocessableEntity)
        {
            // Refused as it is (the job was handed out again, or the control plane's state was reset): sending it
            // again would be refused again. Anything else (401, 408, 409, 429, 5xx, no answer) is tried again.
            // The containers are in the state the result describes either way.
            logger.LogError("The control plane refused the result of job {JobId}: {Status} {Error}; the update itself ended {Outcome}",
                jobId, (int)e.StatusCode, e.Content, result.Outcome);
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested)
        {
            logger.LogWarning("Could not report job {JobId} to the control plane ({Error}); it stays in the journal and is sent again", jobId, e.Message);
            return false;
        }

        journals.Complete(journal);
        return true;
    }
}
