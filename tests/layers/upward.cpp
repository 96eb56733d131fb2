// Must NOT build: a file of the dataset layer including a header of the sales
// layer above it. tests/CMakeLists.txt expects the compiler to say it cannot
// find the header (docs/design.md, "Layers").
#include "orebook/dataset/dataset.h"
#include "orebook/sales/settlement.h"

int layer_probe_upward() { return 0; }
