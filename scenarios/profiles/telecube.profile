# telecube: TeleCube cloud PBX (Polish), Call Transfer and pickup (SPEC 4, rules TR-4..TR-8, PU-*).
# Source: TeleCube's Polish help page "Transfer połączeń" (seed 003; docs/profiles/telecube.md
# describes it and translates the essentials).
name = telecube

# In a call (seed 003's table): `*` transfer with announcement (number then #), `**` back to the
# caller during that consultation, `##` transfer without announcement.
code.attended-transfer = *
code.back-to-caller = **
code.blind-transfer = ##
# At dial tone: *8 then a colleague's extension picks up the call ringing there.
code.pickup = *8

# Where the seed is silent (documented in models/transfer.cc): a target that is busy, unknown, the
# transferor's own number, or that hangs up during the consultation gives `transfer-return` and the
# transferor is back with the caller (HR-2); hanging up while the consultation target still rings
# completes the transfer as a blind one, as on VoipNow (TR-2).
# The switch answers a transfer code with this announcement (both kinds).
text.transfer-prompt = Transfer połączenia

# "osoba transferowana oczekuje ... słuchając muzyki na czekanie": the held caller hears music.
switch.music-on-hold = yes
# Not in the seed: as generic.
switch.forward-max-hops = 5
switch.forward-intercom = yes
switch.transfer-recall = yes
switch.transfer-needs-multi-user-aware = no
# Dynamic Extension Express is Mitel's (seed 000), not this PBX's.
switch.dynamic-extension-express = no
# The target number ends with # or after the digit timeout ("po wybraniu numeru ... odczekać parę
# sekund", seed 003), not as soon as it matches a number: `##` disconnects "after a few seconds".
switch.transfer-number-end = timeout
