// Every test starts its own PostgreSQL and processes: on two cores they run one at a time.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
