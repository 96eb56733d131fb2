// Must build: the same target as upward.cpp, including only headers of its own
// layer and the layers below it. It shows that upward.cpp fails for the
// include alone.
#include "orebook/calendar/period.h"
#include "orebook/core/diagnostic.h"
#include "orebook/dataset/dataset.h"
#include "orebook/terms/terms.h"
#include "orebook/units/units.h"

int layer_probe_downward() { return 0; }
