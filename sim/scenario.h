// The scenario model moved to models/scenario.h (reports/ use it without sim/); kept so includes
// of sim/scenario.h go on working.
#pragma once
#include "models/scenario.h"
