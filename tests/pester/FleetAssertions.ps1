# Shared by the fleet tests (Deployments.Tests.ps1, FleetAtScale.Tests.ps1): the per-poll contract of
# one Wait-EcsSteadyState over many deployments, checked against the simulator's request log and
# verdict log. Dot-source after TestHelpers.ps1.

function Get-FleetKey($Region, $Cluster, $Service) { "$Region/$Cluster/$Service" }

# The contract of a fleet wait, poll by poll, whichever polls call DescribeServiceDeployments:
# per region and cluster, ceil(pending / 10) DescribeServices calls of at most 10 services
# whose union is exactly the services still pending; per region, no DescribeServiceDeployments
# or ceil(ARNs / 20) calls of at most 20, each ARN once and a pending deployment's. A service is
# pending until a poll's DescribeServices answer showed its deployment's ECS verdict, COMPLETED or (a
# circuit breaker's) FAILED: the simulator's verdict time at or before that call's time. Returns the
# pending count of each poll.
function Assert-FleetPolls([object[]] $Polls, [object[]] $Deployments) {
    $verdicts = Get-SimVerdicts
    $completedAt = @{}
    $owner = @{}
    foreach ($d in $Deployments) {
        $key = Get-FleetKey $d.Region $d.Cluster $d.Service
        $completed = @($verdicts | Where-Object { $_.region -eq $d.Region -and $_.deploymentId -eq $d.DeploymentId -and $_.verdict -in 'COMPLETED', 'FAILED' })
        $completed.Count | Should -Be 1 -Because "$key reached one ECS verdict"
        $completedAt[$key] = [double]$completed[0].epochSeconds
        $d.ServiceDeploymentArn | Should -Not -BeNullOrEmpty
        $owner[$d.ServiceDeploymentArn] = $key
    }

    $pending = [Collections.Generic.HashSet[string]]::new([string[]]@($completedAt.Keys))
    $pendingPerPoll = foreach ($poll in $Polls) {
        $n = $poll.Number
        $pending.Count | Should -BeGreaterThan 0 -Because "poll $n calls although every deployment has its verdict"
        $pendingNow = @($pending)
        $ds = @($poll.Calls | Where-Object operation -EQ 'DescribeServices')
        $dsd = @($poll.Calls | Where-Object operation -EQ 'DescribeServiceDeployments')
        $ds.Count | Should -BeGreaterThan 0 -Because "poll $n starts with DescribeServices"
        if ($dsd.Count) {
            ($dsd.sequence | Measure-Object -Minimum).Minimum | Should -BeGreaterThan ($ds.sequence | Measure-Object -Maximum).Maximum -Because "poll $n asks DescribeServiceDeployments after its DescribeServices"
        }

        $askedAt = @{}
        foreach ($group in $ds | Group-Object { "$($_.region)/$($_.cluster)" }) {
            $names = @($group.Group | ForEach-Object { $_.items })
            foreach ($call in $group.Group) {
                $call.itemCount | Should -BeLessOrEqual 10 -Because "poll ${n}, $($group.Name): DescribeServices takes at most 10 services"
                @($call.items).Count | Should -Be $call.itemCount
            }
            @($names | Sort-Object -Unique).Count | Should -Be $names.Count -Because "poll $n asks each service of $($group.Name) once"
            $group.Count | Should -Be ([Math]::Ceiling($names.Count / 10)) -Because "poll ${n}, $($group.Name): $($names.Count) services take ceil($($names.Count)/10) calls"
            foreach ($call in $group.Group) { foreach ($name in $call.items) { $askedAt["$($group.Name)/$name"] = [double]$call.epochSeconds } }
        }
        (@($askedAt.Keys | Sort-Object) -join ' ') | Should -Be (@($pendingNow | Sort-Object) -join ' ') -Because "poll $n asks for exactly the services still pending"

        $arns = @($dsd | ForEach-Object { $_.items })
        @($arns | Sort-Object -Unique).Count | Should -Be $arns.Count -Because "poll $n asks each service deployment once"
        foreach ($group in $dsd | Group-Object region) {
            $regionArns = @($group.Group | ForEach-Object { $_.items })
            foreach ($call in $group.Group) {
                $call.itemCount | Should -BeLessOrEqual 20 -Because "poll ${n}: DescribeServiceDeployments takes at most 20 ARNs"
                @($call.items).Count | Should -Be $call.itemCount
            }
            $group.Count | Should -Be ([Math]::Ceiling($regionArns.Count / 20)) -Because "poll ${n}, $($group.Name): $($regionArns.Count) ARNs take ceil($($regionArns.Count)/20) calls"
            foreach ($arn in $regionArns) {
                $owner[$arn] | Should -BeIn $pendingNow -Because "poll $n asks only pending deployments ($arn)"
                $owner[$arn] | Should -BeLike "$($group.Name)/*" -Because 'a service deployment is asked in its own region'
            }
        }

        foreach ($key in $askedAt.Keys) { if ($completedAt[$key] -le $askedAt[$key]) { [void]$pending.Remove($key) } }
        $pendingNow.Count
    }
    $pending.Count | Should -Be 0 -Because 'the last poll saw the last deployment reach its verdict'
    $pendingPerPoll
}
