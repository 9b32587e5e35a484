far-left	position	5
left-wing	position	9
centre-left	position	25
centre	position	2
centre-right	position	1
far-right	position	1
big tent	position	2
civic nationalism	ideology	1
communism	ideology	5
democratic socialism	ideology	6
euroscepticism	ideology	1
left-wing nationalism	ideology	2
left-wing populism	ideology	5
marxism-leninism	ideology	4
populism	ideology	1
pro-europeanism	ideology	9
progressivism	ideology	1
right-wing populism	ideology	1
secularism	ideology	2
social conservatism	ideology	2
social democracy	ideology	24
social liberalism	ideology	2
socialism	ideology	3
stalinism	ideology	1
third way	ideology	2
