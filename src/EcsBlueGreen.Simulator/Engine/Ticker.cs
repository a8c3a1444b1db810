namespace EcsBlueGreen.Simulator.Engine;

/// <summary>Moves simulated time with the wall clock, scaled, every few wall milliseconds.</summary>
public sealed class Ticker : IAsyncDisposable
{
    private readonly Simulation simulation;
    private readonly CancellationTokenSource stop = new();
    private readonly Task loop;

    public Ticker(Simulation simulation, int tickMilliseconds)
    {
        this.simulation = simulation;
        loop = Run(TimeSpan.FromMilliseconds(Math.Max(1, tickMilliseconds)));
    }

    private async Task Run(TimeSpan period)
    {
        using var timer = new PeriodicTimer(period, simulation.WallClock);
        var last = simulation.WallClock.GetTimestamp();
        try
        {
            while (await timer.WaitForNextTickAsync(stop.Token))
            {
                var now = simulation.WallClock.GetTimestamp();
                var wall = simulation.WallClock.GetElapsedTime(last, now).TotalSeconds;
                last = now;
                if (simulation.TimeScale > 0) simulation.Advance(wall * simulation.TimeScale);
            }
        }
        catch (OperationCanceledException) { }
    }

    public async ValueTask DisposeAsync()
    {
        stop.Cancel();
        await loop;
        stop.Dispose();
    }
}
