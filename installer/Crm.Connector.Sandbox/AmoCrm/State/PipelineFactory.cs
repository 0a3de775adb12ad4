namespace Crm.Connector.Sandbox.AmoCrm.State;

/// <summary>
/// New pipelines with their system statuses (amocrm-api.md §3): "Неразобранное" (type 1, #c1c1c1, sort 10) when
/// unsorted is on, 142 «Успешно реализовано» (#CCFF66, sort 10000) and 143 «Закрыто и не реализовано» (#D5D8DB, sort
/// 11000), whose colours and sorts are fixed.
/// </summary>
internal static class PipelineFactory
{
    public const string UnsortedColor = "#c1c1c1";
    public const string WonColor = "#CCFF66";
    public const string LostColor = "#D5D8DB";

    public static Pipeline Create(AccountState state, string name, int sort, bool isMain, bool isUnsortedOn)
    {
        var pipeline = new Pipeline { Id = state.NextId("pipeline"), Name = name, Sort = sort, IsMain = isMain, IsUnsortedOn = isUnsortedOn };
        if (isUnsortedOn)
        {
            AddUnsorted(state, pipeline);
        }

        pipeline.Statuses.Add(new Status { Id = Status.Won, PipelineId = pipeline.Id, Name = "Успешно реализовано", Sort = 10000, Color = WonColor, IsEditable = false });
        pipeline.Statuses.Add(new Status { Id = Status.Lost, PipelineId = pipeline.Id, Name = "Закрыто и не реализовано", Sort = 11000, Color = LostColor, IsEditable = false });
        state.Pipelines[pipeline.Id] = pipeline;
        return pipeline;
    }

    public static void AddUnsorted(AccountState state, Pipeline pipeline) =>
        pipeline.Statuses.Add(new Status { Id = state.NextId("status"), PipelineId = pipeline.Id, Name = "Неразобранное", Sort = 10, Color = UnsortedColor, Type = 1, IsEditable = false });
}
