Germany	DE		6	2	0	4	
		European Union	4	0	2	2	region: 2 of the 4 partners counted here: Party of European Socialists: the source places its group in the European Parliament, so it works at European Union level; Group of the Progressive Alliance of Socialists and Democrats in the European Parliament: a group of the European Parliament works at European Union level
China	CN		3	1	0	2	country: 1 of the 3 partners counted here: China Center for Contemporary World Studies: the country is implied by the name (China Center)
Moldova	MD		3	3	0	0	
Belarus	BY		2	2	0	0	country: 1 of the 2 partners counted here: Belarusian Party of the Left Fair World: the country is implied by the adjective in the party's name (Belarusian)
Bulgaria	BG		2	2	0	0	country: Bulgarian Socialist Party: the country is implied by the adjective in the party's name (Bulgarian); Party Bulgarian Social Democrats: the country is implied by the adjective in the party's name (Bulgarian); country_code: Bulgarian Socialist Party: the country is implied by the adjective in the party's name (Bulgarian); Party Bulgarian Social Democrats: the country is implied by the adjective in the party's name (Bulgarian)
Finland	FI		2	1	0	1	
France	FR		2	1	0	1	
Greece	GR		2	2	0	0	country: 1 of the 2 partners counted here: Panhellenic Socialist Movement: the country is implied by the adjective in the party's name (Panhellenic, that is all-Greek)
Kyrgyzstan	KG		2	2	0	0	
Serbia	RS		2	2	0	0	country: 1 of the 2 partners counted here: Serbian Radical Party: the country is implied by the adjective in the party's name (Serbian)
Sweden	SE		2	1	0	1	
Armenia	AM		1	1	0	0	country: Armenian Revolutionary Federation-Dashnaktsutyun: the country is implied by the adjective in the party's name (Armenian); country_code: Armenian Revolutionary Federation-Dashnaktsutyun: the country is implied by the adjective in the party's name (Armenian)
		Asia	1	0	1	0	region: International Conference of the Asian Political Parties: the name says it gathers Asian political parties
Brazil	BR		1	1	0	0	
Cuba	CU		1	1	0	0	
Czechia	CZ		1	1	0	0	country: Czech Social Democratic Party: the country is implied by the adjective in the party's name (Czech); country_code: Czech Social Democratic Party: the country is implied by the adjective in the party's name (Czech)
El Salvador	SV		1	1	0	0	country: Farabundo Martí National Liberation Front: the source names no country; the FMLN is a party of El Salvador, which is certain; country_code: Farabundo Martí National Liberation Front: follows from the inferred country
Georgia	GE		1	1	0	0	
Hungary	HU		1	1	0	0	country: Hungarian Socialist Party: the country is implied by the adjective in the party's name (Hungarian); country_code: Hungarian Socialist Party: the country is implied by the adjective in the party's name (Hungarian)
India	IN		1	1	0	0	country: Indian National Congress: the country is implied by the adjective in the party's name (Indian); country_code: Indian National Congress: the country is implied by the adjective in the party's name (Indian)
Iraq	IQ		1	1	0	0	
Italy	IT		1	1	0	0	
		Latin America and the Caribbean	1	0	1	0	
Latvia	LV		1	1	0	0	
Lithuania	LT		1	1	0	0	
Mexico	MX		1	1	0	0	
Netherlands	NL		1	0	0	1	
North Korea	KP		1	1	0	0	
Palestine	PS		1	1	0	0	
Poland	PL		1	1	0	0	country: Polish Democratic Left Alliance: the country is implied by the adjective in the party's name (Polish); country_code: Polish Democratic Left Alliance: the country is implied by the adjective in the party's name (Polish)
South Ossetia			1	1	0	0	
Spain	ES		1	1	0	0	country: Spanish Socialist Workers’ Party: the country is implied by the adjective in the party's name (Spanish); country_code: Spanish Socialist Workers’ Party: the country is implied by the adjective in the party's name (Spanish)
Vietnam	VN		1	1	0	0	
