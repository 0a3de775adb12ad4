using Crm.Connector.Benchmarks;
using Crm.Connector.Benchmarks.Scale;

var scenarios = new Dictionary<string, Func<string[], Task<int>>>(StringComparer.Ordinal)
{
    ["scan"] = ScanBenchmark.RunAsync,
    ["apply"] = ApplyBenchmark.RunAsync,
    ["amocrm-apply"] = AmoCrmApplyBenchmark.RunAsync,
    ["amocrm-e2e"] = AmoCrmEndToEndBenchmark.RunAsync,
    ["events"] = FunctionAppBenchmark.EventsAsync,
    ["e2e"] = FunctionAppBenchmark.EndToEndAsync,
    ["seeds"] = SeedScenariosBenchmark.RunAsync,
    ["coldstart"] = ColdStartBenchmark.RunAsync,
    ["burst"] = BurstBenchmark.RunAsync,
    ["reconcile"] = ReconcileBenchmark.RunAsync,
    ["scale"] = ScaleBenchmark.RunAsync,
    ["faults"] = FaultsBenchmark.RunAsync,
    ["onec-poll"] = OneCPollBenchmark.RunAsync,
    ["import"] = ImportBenchmark.RunAsync,
};

if (args.Length == 0 || !scenarios.TryGetValue(args[0], out var run))
{
    Console.Error.WriteLine($"usage: dotnet run -c Release --project tests/Crm.Connector.Benchmarks -- <{string.Join('|', scenarios.Keys)}> [options]");
    return 1;
}

return await run(args[1..]);
