using System.Collections.Generic;
using System.Management.Automation;
using EcsBlueGreen.Reporting;

namespace EcsBlueGreen.PowerShell.Hosting
{
    /// <summary>
    /// Turns core reports into PowerShell streams. Interactively: information records and progress
    /// bars. In CI: no progress bars, plain timestamped lines, the platform's collapsible groups and
    /// error annotations, so a failed rollout is obvious in the build log.
    /// Called on the pipeline thread only.
    /// </summary>
    internal sealed class HostOutput
    {
        private readonly PSCmdlet _cmdlet;
        private readonly HashSet<string> _openGroups = new HashSet<string>();

        public HostOutput(PSCmdlet cmdlet, CiPlatform platform)
        {
            _cmdlet = cmdlet;
            Platform = platform;
        }

        public CiPlatform Platform { get; }

        public bool IsCi => Platform != CiPlatform.None;

        public void Verbose(string message) => _cmdlet.WriteVerbose(message);

        public void Warning(string message)
        {
            _cmdlet.WriteWarning(message);
            if (Platform == CiPlatform.AzureDevOps)
            {
                WriteLine("##vso[task.logissue type=warning]" + CiAnnotation.Escape(Platform, message));
            }
            else if (Platform == CiPlatform.GitHubActions)
            {
                WriteLine("::warning::" + CiAnnotation.Escape(Platform, message));
            }
        }

        public void Information(InformationMessage message)
        {
            if (!IsCi)
            {
                // Tagged PSHOST like Write-Host: shown by default (the information stream alone is
                // hidden unless -InformationAction Continue), silenced with -InformationAction Ignore,
                // and still captured by 6> and -InformationVariable.
                _cmdlet.WriteInformation(new HostInformationMessage { Message = message.ToString() }, new[] { "PSHOST", "EcsBlueGreen", message.Kind.ToString() });
                return;
            }

            // In CI the information stream may not be shown, so the lines go to the host as plain text
            // (and to the information stream for scripts that capture it).
            _cmdlet.WriteInformation(new InformationRecord(message.ToString(), "EcsBlueGreen"));
            if (message.Kind == InformationKind.ServiceEvent)
            {
                OpenGroup(message.Subject);
                WriteLine($"{message.Subject}: {message}");
                return;
            }

            if (message.Kind == InformationKind.Verdict)
            {
                CloseGroup(message.Subject);
                WriteLine($"{message.Subject}: {message.Text}");
                if (message.IsFailure)
                {
                    WriteLine(CiAnnotation.Error(Platform, $"{message.Subject}: {message.Text}"));
                }
                return;
            }

            WriteLine($"{message.Subject}: {message}");
        }

        public void Progress(ProgressReport report)
        {
            if (IsCi)
            {
                return;
            }

            var record = new ProgressRecord(report.ActivityId, report.Activity, string.IsNullOrEmpty(report.Status) ? report.Activity : report.Status)
            {
                PercentComplete = report.PercentComplete,
                ParentActivityId = report.ParentActivityId,
                RecordType = report.Completed ? ProgressRecordType.Completed : ProgressRecordType.Processing,
            };
            _cmdlet.WriteProgress(record);
        }

        /// <summary>Closes any group still open (a command that ends early must not leave the log folded).</summary>
        public void CloseAllGroups()
        {
            foreach (var subject in new List<string>(_openGroups))
            {
                CloseGroup(subject);
            }
        }

        private void OpenGroup(string subject)
        {
            if (_openGroups.Count > 0 && !_openGroups.Contains(subject))
            {
                // CI groups cannot nest or interleave: close the other before opening this one.
                CloseAllGroups();
            }

            if (_openGroups.Add(subject))
            {
                WriteLine(CiAnnotation.GroupStart(Platform, $"{subject}: service events"));
            }
        }

        private void CloseGroup(string subject)
        {
            if (_openGroups.Remove(subject))
            {
                var end = CiAnnotation.GroupEnd(Platform);
                if (end != null)
                {
                    WriteLine(end);
                }
            }
        }

        private void WriteLine(string? line)
        {
            if (line != null)
            {
                _cmdlet.Host.UI.WriteLine(line);
            }
        }
    }
}
