# A VoipNow personality with transfer recall switched off: for the scenario that shows the switch.
name = voipnow-no-recall
code.blind-transfer = #1
code.attended-transfer = *2
switch.transfer-needs-multi-user-aware = yes
switch.transfer-recall = no
timer.transfer-recall = 30
