# perception: Perception 4000 key system, Call Forward (SPEC 4, rules CF-1..CF-12).
# Seed: /work/shared/seeds/001_0eb8fdfb3d053ec8.txt (Feature Operation, Call Forward notes 4-12).
# Forward is registered by step or feature key, so no forward codes are set.
name = perception

# Note 10: a call is forwarded at most twice (CF-8).
switch.forward-max-hops = 2
# Note 6: intercom calls are not forwarded; they sound at the station (CF-4).
switch.forward-intercom = no
# Not in the seed: as generic.
switch.music-on-hold = yes
switch.transfer-recall = yes
switch.transfer-needs-multi-user-aware = no
# Dynamic Extension Express is Mitel's (seed 000), not this PBX's.
switch.dynamic-extension-express = no
