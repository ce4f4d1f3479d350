# mitel: Mitel 8560/8660 phones with Dynamic Extension Express (SPEC 4, rules HR-*, DE-*).
# Seed: /work/shared/seeds/000_3934051b7cda0726.txt (Mitel 8560/8660 Phone User Guide, Issue 15,
# page 37). Only what the seed says is set here beyond the switches every profile states.
name = mitel

# Handoff: `special` then 388 pushes or cancels; off hook then 388 pulls (seed 000).
code.handoff = 388

# Display texts exactly as the seed prints them.
text.handoff-in-progress = HANDOFF IN PROGRESS
text.handoff-cancelled = HANDOFF CANCELLED
text.no-call-to-handoff = NO CALL TO HANDOFF

# Dynamic Extension Express on (DE-1..DE-8).
switch.dynamic-extension-express = yes
# The seed's recall note: a feature that cannot complete or times out returns the call (HR-2).
switch.transfer-recall = yes
# Not in the seed: as generic.
switch.forward-max-hops = 5
switch.forward-intercom = yes
switch.music-on-hold = yes
switch.transfer-needs-multi-user-aware = no
# Transfer by the transfer key (see generic.profile); the target number ends as at dial tone.
switch.transfer-number-end = match
