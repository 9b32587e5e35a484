partners	1	pes	Party of European Socialists	international			European Union	region: the source places its group in the European Parliament, so it works at European Union level
partners	1	pasd	Group of the Progressive Alliance of Socialists and Democrats in the European Parliament	international			European Union	region: a group of the European Parliament works at European Union level
partners	2	armenian-revolutionary-federation	Armenian Revolutionary Federation-Dashnaktsutyun	party	Armenia	AM		country: the country is implied by the adjective in the party's name (Armenian); country_code: the country is implied by the adjective in the party's name (Armenian)
partners	3	belarusian-party-of-the-left-fair-world	Belarusian Party of the Left Fair World	party	Belarus	BY		country: the country is implied by the adjective in the party's name (Belarusian); country_code: the country is implied by the adjective in the party's name (Belarusian)
partners	4	republican-party-of-labor-and-justice	Republican Party of Labor and Justice	party	Belarus	BY		
partners	5	hungarian-socialist-party	Hungarian Socialist Party	party	Hungary	HU		country: the country is implied by the adjective in the party's name (Hungarian); country_code: the country is implied by the adjective in the party's name (Hungarian)
partners	6	pasok	Panhellenic Socialist Movement	party	Greece	GR		country: the country is implied by the adjective in the party's name (Panhellenic, that is all-Greek); country_code: the country is implied by the adjective in the party's name (Panhellenic, that is all-Greek)
partners	7	new-ossetia	Republican political Party "New Ossetia"	party	South Ossetia			
partners	8	democratic-party-of-moldova	Democratic Party of Moldova	party	Moldova	MD		
partners	9	socialist-democratic-party-of-moldova	Socialist Democratic Party of Moldova	party	Moldova	MD		
partners	10	labor-party-of-georgia	Labor Party of Georgia	party	Georgia	GE		
partners	11	socialist-democratic-party-of-kyrgyzstan	Socialist Democratic Party of Kyrgyzstan	party	Kyrgyzstan	KG		
partners	12	ata-meken	Socialist Party Ata-Meken	party	Kyrgyzstan	KG		
partners	13	harmony	Socialist Democratic Party Harmony	party	Latvia	LV		
partners	14	socialist-democratic-party-of-lithuania	Socialist Democratic Party of Lithuania	party	Lithuania	LT		
partners	15	serbian-radical-party	Serbian Radical Party	party	Serbia	RS		country: the country is implied by the adjective in the party's name (Serbian); country_code: the country is implied by the adjective in the party's name (Serbian)
partners	16	socialist-party-of-serbia	Socialist Party of Serbia	party	Serbia	RS		
partners	17	bulgarian-socialist-party	Bulgarian Socialist Party	party	Bulgaria	BG		country: the country is implied by the adjective in the party's name (Bulgarian); country_code: the country is implied by the adjective in the party's name (Bulgarian)
partners	18	bulgarian-social-democrats	Party Bulgarian Social Democrats	party	Bulgaria	BG		country: the country is implied by the adjective in the party's name (Bulgarian); country_code: the country is implied by the adjective in the party's name (Bulgarian)
partners	19	democratic-left-alliance	Polish Democratic Left Alliance	party	Poland	PL		country: the country is implied by the adjective in the party's name (Polish); country_code: the country is implied by the adjective in the party's name (Polish)
partners	20	czech-social-democratic-party	Czech Social Democratic Party	party	Czechia	CZ		country: the country is implied by the adjective in the party's name (Czech); country_code: the country is implied by the adjective in the party's name (Czech)
partners	21	democratic-party-of-italy	Democratic Party of Italy	party	Italy	IT		
partners	22	psoe	Spanish Socialist Workers’ Party	party	Spain	ES		country: the country is implied by the adjective in the party's name (Spanish); country_code: the country is implied by the adjective in the party's name (Spanish)
partners	23	spd	Socialist Democratic Party of Germany	party	Germany	DE		
partners	24	the-left-germany	Left Party	party	Germany	DE		
partners	25	sdp-finland	Socialist Democratic Party of Finland	party	Finland	FI		
partners	26	sap-sweden	Socialist Democratic Party of Sweden	party	Sweden	SE		
partners	27	socialist-party-france	Socialist Party of France	party	France	FR		
partners	28	communist-party-of-vietnam	Communist Party of Vietnam	party	Vietnam	VN		
partners	29	communist-party-of-china	Communist Party of China	party	China	CN		
partners	30	workers-party-of-korea	Workers Party of Korea	party	North Korea	KP		
partners	31	icapp	International Conference of the Asian Political Parties	international			Asia	region: the name says it gathers Asian political parties
partners	32	indian-national-congress	Indian National Congress	party	India	IN		country: the country is implied by the adjective in the party's name (Indian); country_code: the country is implied by the adjective in the party's name (Indian)
partners	33	kurdistan-democratic-party	Democratic Party of Kurdistan	party	Iraq	IQ		
partners	34	fatah	Fatah	party	Palestine	PS		
partners	35	pri	Institutional Revolutionary Party of Mexico	party	Mexico	MX		
partners	36	communist-party-of-cuba	Communist Party of Cuba	party	Cuba	CU		
partners	37	workers-party-brazil	Workers Party of Brazil	party	Brazil	BR		
partners	38	syriza	Coalition of Radical Left	party	Greece	GR		
partners	39	party-of-socialists-of-moldova	Party of Socialists of the Republic of Moldova	party	Moldova	MD		
partners	40	sao-paulo-forum	São Paulo Forum	international			Latin America and the Caribbean	
partners	41	fmln	Farabundo Martí National Liberation Front	party	El Salvador	SV		country: the source names no country; the FMLN is a party of El Salvador, which is certain; country_code: follows from the inferred country
npo	1	institute-social-economic-development-eurasia	Institute of Social and Economic Development of Eurasia	npo	China	CN		
npo	2	china-center-contemporary-world-studies	China Center for Contemporary World Studies	npo	China	CN		country: the country is implied by the name (China Center); country_code: follows from the inferred country
npo	3	olof-palme-center	International Center of Olof Palme	npo	Sweden	SE		
npo	4	friedrich-ebert-foundation	Friedrich Ebert Foundation	npo	Germany	DE		
npo	5	rosa-luxemburg-foundation	Rosa Luxemburg Foundation	npo	Germany	DE		
npo	6	hanns-seidel-foundation	Hanns Seidel Foundation	npo	Germany	DE		
npo	7	dgap-russia-cis-center	Center for Russia and CIS affairs in German Council on Foreign Relations	npo	Germany	DE		
npo	8	jean-jaures-foundation	Jean-Jaurès Foundation	npo	France	FR		
npo	9	alfred-mozer-foundation	Alfred Mozer Foundation	npo	Netherlands	NL		
npo	10	kalevi-sorsa-foundation	Kalevi Sorsa Foundation	npo	Finland	FI		
npo	11	feps	Foundation for European Progressive Studies	npo			European Union	
npo	12	european-forum-democracy-solidarity	European Forum for Democracy and Solidarity	npo			European Union	
