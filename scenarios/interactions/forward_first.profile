# A test PBX (not bundled): the generic profile's codes, with forward listed before voice-call, so
# call forward takes a voice call before the voice-call box sees it. It shows that the order of
# `features` decides between two boxes that claim one decision point.
name = forward-first
features = hunt-groups forward voice-call handoff transfer hold pickup
switch.forward-max-hops = 5
switch.forward-intercom = yes
