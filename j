Phone	+74957878515	(495) 787-85-15		Central office of the party	party-page-2018, contact block	
Fax	+74959593586	(495) 959-35-86		Central office of the party	party-page-2018, contact block	
Work phone	+74957839803	+7 (495) 783-98-03		Central office of the party	party-page-2018, contact block	restriction.gloss: no restriction is recorded, but the '(только для СМИ)' line two lines below may also apply to this number
Mobile phone	+79162494947	+7 (916) 249-49-47	for the media only	Central office of the party	party-page-2018, contact block	restriction.text: the page prints '(только для СМИ)' on the line after the mobile number, not beside it; that it applies to this number is a reading; restriction.gloss: translation of the restriction read as applying to this number
Contact phone	+74956296101	(495) 629-61-01		Public reception office of the SR faction in the State Duma	party-page-2018, contact block	
Official website of the political party A JUST RUSSIA	spravedlivo.ru	spravedlivo.ru			party-page-2018, contact block	
