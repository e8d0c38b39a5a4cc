package dev.threatkit.cti.graph;

/** Every store contract; each backend's test class implements this one interface, so none is forgotten. */
interface AllStoreContracts
        extends IdentityContract,
                UpsertContract,
                DeleteAndNeighborsContract,
                DurabilityContract,
                MergeContract,
                TraversalContract,
                PathContract,
                SnapshotContract {}
