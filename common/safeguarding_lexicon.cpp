// The safeguarding screen's lexicons (see safeguarding_lexicon.hpp for the pattern syntax).
// Written from the NHS safeguarding categories (self-harm, abuse in its forms, neglect and acts
// of omission, unsafe care) and checked against labelled FFT comments
// (tests/common/fixtures/safeguarding_fft.csv). Recall first: a missed disclosure costs far
// more than a false alert, so a trigger is broad and its false readings are taken off by
// defusers and negation rather than by narrowing the trigger.
#include "common/safeguarding_lexicon.hpp"

namespace wardvoice::common::safeguarding {
namespace {

constexpr ConcernClass S = ConcernClass::SelfHarm;
constexpr ConcernClass A = ConcernClass::HarmAbuse;
constexpr ConcernClass N = ConcernClass::NeglectUnsafe;
constexpr ConcernClass C = ConcernClass::ComplaintIntent;

// Who a hand can be raised against: used in several English abuse patterns.
#define WV_PERSON                                                                                  \
    "me|him|her|us|them|patients|patient|people|residents|mum|mam|mother|dad|father|wife|"         \
    "husband|son|daughter|nan|gran|grandma|grandad|partner|child|baby|brother|sister|friend|"      \
    "relative|someone|somebody|everyone"

// Acute states that turn a long wait into a possibly life-threatening delay.
#define WV_ACUTE                                                                                   \
    "pain|agony|agonising|agonizing|excruciat*|screaming|stroke|cardiac|heart+attack|"             \
    "chest+pain*|breathless*|collapsed|collapse|unconscious|unresponsive|seizure*|fitting|"        \
    "bleeding|haemorrhag*|hemorrhag*|fractur*|sepsis|septic|hypo|hypoglyc*|anaphyla*|"             \
    "embolism|pe|dvt|clot|dehydrat*|died|dead|dying|terminal*|palliative|suicidal|overdose*|"      \
    "breath*|breathe|priority|transfusion|hallucinat*|psychotic|psychosis|emergency+op*|"          \
    "emergency+surgery"

constexpr TriggerText kTriggers[] = {
    // ---------------------------------------------------------------- English: self-harm
    {"en", S, "suicid*"},
    {"en", S, "kill|killing|kil ~1 myself|himself|herself|themselves|yourself|ourselves"},
    {"en", S, "kill|killing my|his|her|your self"},
    {"en", S, "end|ending|ended|take|taking|took my|his|her|their|own ~1 life|lives"},
    {"en", S, "end|ending it all"},
    {"en", S,
     "want|wanted|wanting|wants|wish|wished|wishing|going|planning|plan|ready|tried ~1 "
     "to ~1 die"},
    {"en", S, "better off dead"},
    {"en", S, "don't|dont|do|didn't|didnt|did|no ~1 not|longer ~1 want to live|exist"},
    {"en", S, "don't|dont|didn't|didnt want to live|exist|be+alive|wake+up"},
    {"en", S, "no reason|point ~2 living|live"},
    {"en", S, "not worth living"},
    {"en", S, "can't|cannot|cant|couldn't|couldnt go on ~1 anymore|living|like this"},
    {"en", S, "self harm*|injur*|destruct*|hatred"},
    {"en", S, "selfharm*"},
    {"en", S,
     "harm|harmed|harming|cut|cutting|cuts|ligature* myself|yourself|himself|herself|"
     "themselves"},
    {"en", S, "ligature*"},
    {"en", S, "overdos*"},
    {"en", S, "i|i'm|im|am|feel|feeling|felt|so ~1 hopeless|worthless"},
    {"en", S, "thoughts ~1 of|about ~1 death|dying|ending"},
    {"en", S,
     "crisis* && no answer|reply|response|help|support|call|callback|one|body|"
     "one's|ones"},
    {"en", S,
     "crisis* && never|not|didn't|didnt|wouldn't|did|nobody ~2 answer*|call*|rang|"
     "ring|phoned|help*|happen*|came|come|got|get"},
    {"en", S, "crisis* && hung|hang|put|cut ~2 up|down|off"},
    {"en", S,
     "crisis* && couldn't|could|unable|can't|cannot|difficult*|impossible ~3 get|"
     "getting|through|reach|contact"},
    {"en", S, "crisis* && turned|sent ~1 away|home|back"},
    {"en", S, "crisis* && let ~1 down"},
    {"en", S, "crisis* && ignored|refused|dismissed"},
    {"en", S, "?crisis* && access|needed+it|when+i+needed|when+needed"},

    // ---------------------------------------------------------------- English: harm, abuse
    {"en", A, "abus*"},
    {"en", A, "assault*"},
    {"en", A,
     "sexual* ~1 assault*|abus*|harass*|inappropriate*|comment*|advance*|touch*|"
     "misconduct|remark*|exploit*"},
    {"en", A, "harass*"},
    {"en", A, "grope*|groping|groped|molest*|rape|raped|raping|rapist"},
    {"en", A, "touch*|touched ~2 inappropriate*|sexual*"},
    {"en", A, "inappropriate* ~1 touch*|touching|touched"},
    {"en", A,
     "hit|slapped|slapping|slaps|slap|punched|punching|kicked|kicking|beat|beaten|"
     "beating|strangled|choked|shoved|shoving|manhandl*|grabbed|grabbing|dragged|"
     "dragging|drag|yanked|pinched|throttled|smacked|thumped ~1 " WV_PERSON},
    {"en", A,
     "hit|slapped|punched|kicked|beat|shoved|manhandled|grabbed|dragged|smacked|"
     "thumped ~1 my|our|his|her ~0 " WV_PERSON},
    {"en", A, "rough|roughly ~2 handl*|treated|with|moved|pulled|manner"},
    {"en", A, "handled|treated|moved|pulled|transferred|lifted roughly|rough"},
    {"en", A,
     "pushed|pushing|shoved ~1 " WV_PERSON
     " ~1 over|down|around|about|away|into|onto|against|out|off"},
    {"en", A, "threat|threats|threatened"},
    {"en", A, "threatening ~1 me|him|her|us|them|to|behaviour|behavior|manner|language|way"},
    {"en", A, "bully|bullied|bullying|bullies"},
    {"en", A, "humiliat*|degrading|degraded|demean*"},
    {"en", A, "belittl* ~1 " WV_PERSON},
    {"en", A, "shout*|scream*|yell*|swore|swear*|sworn|snapp*|bark* at ~1 " WV_PERSON},
    {"en", A,
     "call|calls|called|calling ~1 me|you|us|them|him|her|people|patients ~1 names|"
     "mental|stupid|liar|lazy|fat|pathetic|psycho|nutter|crazy|mad"},
    {"en", A, "name calling"},
    {"en", A, "violen*"},
    {"en", A, "attack*|attacked ~1 " WV_PERSON},
    {"en", A,
     "restrain* ~4 hurt|pain|bruis*|injur*|unnecessar*|excessive*|force*|floor|"
     "rough*"},
    {"en", A,
     "force|forced|forcing|forcibly ~3 medication|medicine|injection|injected|meds|"
     "tablets|pills|me|him|her"},
    {"en", A, "handcuff*"},
    {"en", A, "racis*|racial*|transphob*|homophob*|islamophob*|antisemit*|sexis*"},
    {"en", A, "stole|stolen|steal*|theft"},
    {"en", A, "rude and aggressive"},
    {"en", A, "aggressive and rude"},
    {"en", A, "verbally|physically|very|was|were|became|got|being aggressive"},
    {"en", A, "aggressive|aggression ~1 towards|to|with ~1 " WV_PERSON},
    {"en", A, "made|make|makes|making ~1 me|her|him|us|them ~1 cry"},
    {"en", A,
     "treated|spoke|spoken|talked|speak|talk|treat ~3 like ~1 a|an ~1 dog|animal|"
     "animals|criminal|prisoner|idiot|dirt|rubbish|piece|child|murderer"},
    {"en", A, "like ~1 dirt"},
    {"en", A, "slapped|punched|kicked|beaten|bitten|strangled"},

    // ---------------------------------------------------------------- English: neglect, unsafe
    {"en", N,
     "left|leave|leaving|abandoned ~4 pain|agony|soil*|urine|faeces|feces|poo|wee|"
     "excrement|vomit|mess|soaking|soaked|wet|dirty|floor|toilet|commode|bedpan|"
     "bleeding|starving|alone|unattended|unwashed|naked|cold|distress*|screaming|unwell"},
    {"en", N, "left|leave|leaving ~3 for hours|ages"},
    {"en", N,
     "no|without food|water|drink|drinks|fluids|pain relief|painkillers|insulin|"
     "oxygen|help|care|checks|pain+relief"},
    {"en", N,
     "not|never|wasn't|wasnt|weren't|werent|nobody|no+one|hadn't|didn't|didnt|did "
     "~2 given|gave|give|giving|offered|get|got|had|brought|fed ~2 "
     "food|water|drink|drinks|fluids|eat|"
     "meal|meals|pain+relief|painkillers|insulin|medication|meds|oxygen"},
    {"en", N, "starv*|dehydrat*|malnourish*|famished"},
    {"en", N, "left|kept|went ~2 hungry|thirsty"},
    {"en", N, "hungry and thirsty"},
    {"en", N,
     "fell|fall|falls|fallen|falling ~2 out|off|from ~2 bed|trolley|stretcher|chair|"
     "wheelchair|commode|toilet|hoist|ambulance|vehicle|car|taxi|bus|step|steps|"
     "ramp|lift|seat"},
    {"en", N, "left|allowed|let ~2 fall|fell"},
    {"en", N, "dropped ~2 on|onto ~2 floor|ground"},
    {"en", N,
     "injur*|hurt|bruis* by|during|while|whilst|when ~2 staff|being|moving|transfer*|"
     "hoist*|lifting|lifted|moved|crew|nurse|driver|carer|porter"},
    {"en", N, "pressure|bed ~0 sore|sores|ulcer|ulcers|damage"},
    {"en", N, "bedsore*"},
    {"en", N,
     "wrong|incorrect|wrongly ~1 medication|medicine|medicines|meds|tablet|tablets|drug|"
     "drugs|dose|dosage|injection|insulin|prescription|patient|blood"},
    {"en", N,
     "medication|medicine|drug|dosing|dispensing|prescribing|prescription ~1 error|"
     "errors|mistake|mistakes|mix|blunder"},
    {"en", N, "double|extra dose|doses|medication"},
    {"en", N, "someone|another ~0 else's|patient's ~1 dose|medication|tablets|meds"},
    {"en", N,
     "missed|forgot*|forgotten ~2 medication|meds|insulin|tablets|dose|doses|injection|"
     "antibiotics"},
    {"en", N,
     "discharged|discharge|released ~6 prematurely|without|unsafe|worse|nowhere|"
     "no+support|not+ready|not+safe|still+unwell|still+ill|still+poorly|"
     "still+bleeding|still+in+pain|still+feeling|still+in+agony"},
    {"en", N,
     "sent ~1 me|him|her|them|us ~0 home ~6 prematurely|without|unsafe|worse|nowhere|"
     "no+support|not+ready|not+safe|still+unwell|still+ill|still+poorly|"
     "still+bleeding|still+in+pain|still+feeling|still+in+agony"},
    {"en", N, "discharged|discharge|released|sent ~6 too early|soon|quickly"},
    {"en", N, "premature* ~2 discharg*"},
    {"en", N,
     "sent ~1 home && readmitted|re+admitted|later+admitted|ended+up+back|"
     "back+in+hospital|back+to+hospital|rushed+back|admitted+the+next|"
     "admitted+the+following"},
    {"en", N,
     "discharged && readmitted|re+admitted|later+admitted|ended+up+back|"
     "back+in+hospital|back+to+hospital|rushed+back|admitted+the+next|"
     "admitted+the+following"},
    {"en", N,
     "@discharge && too+early|too+soon|still+unwell|still+ill|still+poorly|no+support|"
     "no+one+to|nobody+to|without+support|no+help|before+i+was+ready|before+he+was+ready|"
     "before+she+was+ready|wasn't+ready+to|was+not+ready+to"},
    {"en", N, "unsafe"},
    {"en", N, "not|don't|didn't|never|doesn't|dont|didnt ~1 feel|felt|feeling ~1 safe|secure"},
    {"en", N,
     "scared|afraid|frightened|terrified|fear|fearing ~2 for ~1 my|his|her|our ~0 "
     "safety|life"},
    {"en", N,
     "scared|afraid|frightened|terrified ~1 of ~1 another|other|the|a ~0 patient|"
     "patients|staff|man|men"},
    {"en", N, "could|would|might|nearly|almost|i'd|he'd|she'd ~2 died|die|dead"},
    {"en", N, "could|would|nearly|almost ~2 lost ~1 her|him|my|me|the|them|our"},
    {"en", N,
     "died|passed|dead && arrive+sooner|come+sooner|how+long+it+took|took+so+long|"
     "took+too+long|too+late|delay*"},
    {"en", N,
     "refused|refusing|wouldn't|would+not ~1 to ~1 help|take|send|leave|treat|admit|"
     "come|attend|examine|see"},
    {"en", N, "ignored ~1 me|him|her|us|my|our"},
    {"en", N, "no+one|nobody|noone came|helped|checked|answered|responded"},
    {"en", N, "never|nobody|no+one|not ~1 checked|check ~1 on"},
    {"en", N, "medical|clinical ~0 neglect"},
    {"en", N, "neglect*"},
    {"en", N, "@delay && " WV_ACUTE},
    {"en", N, "@delay && problem*|trouble|pains ~3 heart|chest|breathing"},
    {"en", N, "life ~1 threatening && delay|delayed"},
    {"en", N,
     "ambulance|paramedic|paramedics|crew|help|doctor ~2 didn't|never|did+not|failed ~2 "
     "come|came|arrive*|turn*|show* && " WV_ACUTE},
    {"en", N,
     "missed|overlooked ~7 pe|stroke|heart+attack|fractur*|sepsis|bleed|embolism|dvt|"
     "clot|appendicitis|cancer|diagnos*|infection"},
    {"en", N, "wrong|incorrect|missed|mis ~1 diagnos*"},
    {"en", N, "misdiagnos*"},
    {"en", N,
     "?so+much|severe|extreme|excruciating|unbearable|terrible|great|considerable ~0 "
     "pain|agony"},
    {"en", N,
     "?refused|wasn't|weren't|wouldn't|didn't|would+not|did+not|not ~2 take|send|"
     "admit ~3 hospital|a&e"},
    {"en", N, "?lay|lying|laid|lain|laying ~3 floor|ground"},
    {"en", N, "?left|leaving ~2 waiting"},
    {"en", N, "@delay && heart ~1 attack|rate|problems"},
    {"en", N,
     "@delay && couldn't|could|can't|cannot|unable|struggling|struggled|difficulty|"
     "trouble|not|stop|stopped ~2 breath*"},
    {"en", N, "@delay && breathing ~1 difficult*|problem*"},
    {"en", N, "@delay && short ~1 of breath"},
    {"en", N, "@delay && semi|barely|not ~1 conscious"},
    {"en", N,
     "@delay && broken|broke|breaking ~2 hip|leg|pelvis|arm|neck|back|wrist|ankle|"
     "femur|bone|bones"},
    {"en", N, "@delay && lips|throat|tongue|face ~2 swell*|swollen"},
    {"en", N, "@delay && low|needing|needed|no|ran ~2 oxygen|sats"},
    {"en", N, "@delay && life ~1 threatening"},
    {"en", N, "@delay && life or death"},
    {"en", N, "@delay && category|cat 1|one"},
    {"en", N, "@delay && blue light*"},
    {"en", N, "@delay && on ~1 the ~0 floor|ground"},
    {"en", N, "@delay && lying|laid|lay|lain|laying ~3 floor|ground"},
    {"en", N, "@delay && couldn't|can't|cannot|unable ~2 move|walk|stand"},
    {"en", N, "@delay && blood ~1 clot|everywhere|loss|pouring"},
    {"en", N, "bleeding|stitches|haemorrhag* && bus|taxi|own+way"},
    {"en", N, "make|made|making ~1 my|his|her|our|their ~0 own way && " WV_ACUTE},

    // ---------------------------------------------------------------- English: complaint
    {"en", C,
     "make|making|made|put|putting|lodge|lodging|lodged|file|filing|filed|raise|raising|"
     "raised|submit*|write|writing|wrote|written|send|sending|sent|log|logging|logged|"
     "take|taking|register*|pursue|pursuing ~3 complaint|complaints|grievance"},
    {"en", C, "formal|official ~1 complaint|complaints|grievance"},
    {"en", C,
     "will|shall|going|gonna|want|wish|intend*|plan*|i'll|considering|thinking|"
     "definitely ~3 complain*|complaint"},
    {"en", C,
     "complain*|complaint* ~3 to|with ~2 pals|cqc|ombudsman|manager|management|chief|"
     "gmc|nmc|hcpc|council|mp|healthwatch|regulator"},
    {"en", C, "ombudsman|ombudsmen"},
    {"en", C, "solicitor*|lawyer*|barrister*|attorney*"},
    {"en", C, "legal ~1 action|advice|route|proceedings|case|claim|team|aid|steps"},
    {"en", C, "sue|suing|sued|litigat*"},
    {"en", C, "negligen*"},
    {"en", C, "report* ~3 police|cqc|gmc|nmc|hcpc|regulator|ombudsman|pals|safeguarding|council"},
    {"en", C, "report|reporting|reported him|her|them"},
    {"en", C,
     "report|reporting|reported ~1 this|the|that ~0 nurse|doctor|driver|staff|"
     "paramedic|carer"},
    {"en", C,
     "should|needs+to|need+to|ought+to|must ~1 be ~1 sacked|fired|struck|disciplined|"
     "suspended|investigated|dismissed"},
    {"en", C, "contact*|to|by|through|via|the|called|rang|phoned|emailed pals"},
    {"en", C, "cqc|healthwatch"},
    {"en", C,
     "dr|doctor|nurse|sister|matron|carer|hca|porter|driver|paramedic|cpn|therapist|"
     "consultant|psychiatrist|physio|physiotherapist|midwife|surgeon|manager|mr|mrs|"
     "miss|ms|staff ~1 name && rude|abusive|aggressive|unprofessional|disgusting|"
     "disgrace*|appalling|horrible|nasty|shouted|shouting|bullying|bullied|threaten*|"
     "dismissive|arrogant|uncaring|cruel|incompetent|racist|lied|lying|liar"},

    // ---------------------------------------------------------------- Welsh (Cymraeg)
    {"cy", S, "hunanladd*"},
    {"cy", S, "lladd ~1 fy|ei|eu ~0 hun|hunan"},
    {"cy", S, "eisiau|isio|moyn ~1 marw|farw"},
    {"cy", S, "ddim|dim ~1 eisiau|isio|moyn ~1 byw"},
    {"cy", S, "hunan ~0 niweid*|anaf*"},
    {"cy", S, "hunan-niweid*|hunanniweid*"},
    {"cy", S, "niweidio|torri|anafu ~1 fy|ei ~0 hun|hunan"},
    {"cy", S, "gorddos*"},
    {"cy", S, "fy|ei ~0 mywyd|fywyd ~1 i ~0 ben"},
    {"cy", S, "argyfwng && neb|dim|ddim ~2 ateb*|ffonio|galw|helpu|help"},
    {"cy", A, "cam-drin|camdrin|cam-driniaeth|camdriniaeth|cam drin"},
    {"cy", A, "ymosod*"},
    {"cy", A,
     "taro|tarodd|tharo|nharo|bwrw|fwrw|gwthio|gwthiodd|wthio|nghicio|cicio ~1 fi|i|fe|"
     "hi|nhw|ni|fy|ei"},
    {"cy", A, "fy|ei ~0 nharo|tharo|ngwthio|ngham-drin|nghamdrin|mwlio|fwlio"},
    {"cy", A, "bygwth*|fygwth*"},
    {"cy", A, "bwlio|fwlio|mwlio"},
    {"cy", A, "gweiddi|gwaeddodd|sgrechian ~1 arna|arnaf|arnom|arno|arni|arnyn"},
    {"cy", A, "treisio|threisio|nhreisio|trais"},
    {"cy", A, "ymosodiad ~1 rhywiol"},
    {"cy", A, "cyffwrdd|gyffwrdd ~2 amhriodol"},
    {"cy", A, "sarhau|bychanu|fychanu|mychanu|diraddio"},
    {"cy", A, "aflonyddu*"},
    {"cy", N,
     "gadael|gadawyd|gadawon|gadawodd|adael|ngadael|gadawsant ~4 poen|boen|mhoen|budr|fudr|"
     "gwlyb|wlyb|heb|llawr|lawr|hun|hunan"},
    {"cy", N,
     "heb ~1 fwyd|bwyd|ddwr|dwr|ddiod|diod|help|gymorth|cymorth|ofal|gofal|"
     "meddyginiaeth|feddyginiaeth"},
    {"cy", N, "dim ~1 bwyd|dwr|diod|help|cymorth|gofal"},
    {"cy", N,
     "cwympo|cwympais|cwympodd|syrthio|syrthiais|syrthiodd|disgyn|disgynnodd ~3 gwely|"
     "wely|cadair|gadair|toiled"},
    {"cy", N, "meddyginiaeth|feddyginiaeth|moddion|foddion|dos|tabledi|dabledi ~1 anghywir"},
    {"cy", N, "camgymeriad ~2 meddyginiaeth|feddyginiaeth|moddion|dos"},
    {"cy", N, "anniogel|peryglus"},
    {"cy", N, "ddim|dim|nid ~4 ddiogel|diogel"},
    {"cy", N, "rhyddhau|ryddhau|rhyddhawyd|ryddhawyd|adref ~3 rhy ~0 gynnar|fuan"},
    {"cy", N, "esgeulus*"},
    {"cy", N, "llwgu|newynu"},
    {"cy", C, "cwyn|gwyn|nghwyn ~1 ffurfiol|swyddogol"},
    {"cy", C, "gwneud|cyflwyno|wneud|gyflwyno ~2 cwyn|gwyn"},
    {"cy", C, "cwyno|gwyno ~1 i|wrth"},
    {"cy", C, "ombwdsmon"},
    {"cy", C, "cyfreithiwr|gyfreithiwr|nghyfreithiwr|cyfreithwyr"},
    {"cy", C, "camau ~1 cyfreithiol"},

    // ---------------------------------------------------------------- Polish (polski)
    {"pl", S, "samoboj*"},
    {"pl", S, "zabic|zabije|zabij|zabil*|zabila ~1 sie"},
    {"pl", S, "odebrac|odbiore|odebral* ~1 sobie ~1 zycie"},
    {"pl", S, "skonczyc|skoncze|skonczyl* ~1 ze ~1 soba"},
    {"pl", S, "chce|chcialem|chcialam|chcial|chciala|pragne ~2 umrzec|umrzec|zginac"},
    {"pl", S, "nie ~1 chce|chcialem|chcialam ~1 zyc"},
    {"pl", S, "samookalecz*|okalecz*|samouszkodz*"},
    {"pl", S, "tne|cielam|cialem|ciac|pocielam|pocialem ~1 sie"},
    {"pl", S, "przedawkow*"},
    {"pl", S, "mysli ~1 samobojcze"},
    {"pl", S, "kryzys* && nikt|nie ~2 odebral*|odpowiedzial*|pomogl*|oddzwonil*"},
    {"pl", A, "przemoc*"},
    {"pl", A, "znecal*|zneca*"},
    {"pl", A, "wykorzyst* ~1 seksualn*"},
    {"pl", A, "molestow*|napastow*|napasc*"},
    {"pl", A, "zgwalc*|gwalt|gwalcil*|gwalcic"},
    {"pl", A,
     "uderzyl*|uderzyla|uderzyli|bil|bila|bili|pobil*|popchnal*|popchnela|popychal*|"
     "szarpal*|szarpnal*|kopnal*|kopal* ~1 mnie|go|ja|nas|ich|mame|tate|pacjent*"},
    {"pl", A, "grozil*|grozila|grozili|grozba|grozby|groznie|zastraszal*|zastrasz*"},
    {"pl", A, "krzyczal*|krzyczy|krzycza|wrzeszczal*|wrzeszczy ~1 na"},
    {"pl", A, "ponizal*|ponizaj*|ponizen*|upokarz*|upokorz*|upokorzen*"},
    {"pl", A, "wyzywal*|wyzywa*|obrazal*|obraza ~1 mnie|nas|go|ja|pacjent*"},
    {"pl", A, "dotykal*|dotyka ~2 mnie|nieodpowiedni*|intymn*"},
    {"pl", A, "nekal*|nekan*"},
    {"pl", N,
     "zostawil*|zostawila|zostawili|zostawion*|zostalem|zostalam|pozostawion* ~4 bol*|"
     "bez|brudn*|mokr*|podlodze|podloga|toalecie|sam|sama|samego"},
    {"pl", N, "bez ~1 jedzenia|wody|picia|pomocy|opieki|lekow|lekarstw|srodkow|jedzenie"},
    {"pl", N, "glodn*|glodow*|odwodnion*|odwodnien*"},
    {"pl", N,
     "upadl*|upadla|upadek|przewrocil*|przewrocila|spadl*|spadla|wypadl*|wypadla ~3 "
     "lozka|lozko|krzesla|wozka|toalety|noszy"},
    {"pl", N,
     "zly|zle|zla|zlego|zlej|zlych|niewlasciw*|bledn*|pomylk* ~2 lekow|leki|lek|leku|"
     "lekami|lekarstw*|dawk*"},
    {"pl", N, "niebezpieczn*"},
    {"pl", N, "nie ~2 bezpieczn*|bezpiecznie"},
    {"pl", N, "wypis* ~4 za|zbyt ~0 wczesnie|szybko"},
    {"pl", N, "zaniedb*"},
    {"pl", N, "odlezyn*"},
    {"pl", C, "skarg*|zazalen*"},
    {"pl", C, "rzecznik* ~1 praw"},
    {"pl", C, "prawnik*|adwokat*|pozew|pozwe|pozwac|sadu|sadzie"},

    // ---------------------------------------------------------------- Romanian (română)
    {"ro", S, "sinucid*"},
    {"ro", S, "ma ~0 omor|sinucid"},
    {"ro", S, "vreau|vroiam|voiam|doresc|vrea ~1 sa ~0 mor|moara"},
    {"ro", S, "nu ~1 mai ~1 vreau ~1 sa ~0 traiesc"},
    {"ro", S, "mi ~0 iau|pun ~0 viata|capat"},
    {"ro", S, "automutil*|autovatam*"},
    {"ro", S, "ma ~0 tai|ranesc|tai"},
    {"ro", S, "am ~0 taiat|ranit ~0 singur*"},
    {"ro", S, "supradoz*"},
    {"ro", S, "criz* && nu ~2 raspuns*|raspunde*|ajutat|sunat"},
    {"ro", S, "criz* && nimeni"},
    {"ro", A, "abuz*"},
    {"ro", A, "agresa*|agresiv*|agresiune*"},
    {"ro", A, "violent*|violenta"},
    {"ro", A, "lovit*|lovea|lovesc|batut*|batea|impins*|impingea|imbrancit*|palmuit*"},
    {"ro", A, "amenint*"},
    {"ro", A, "umilit*|umilin*|umilea|umileste"},
    {"ro", A, "tipat|tipa|tipau|striga*|urla* ~1 la|pe"},
    {"ro", A, "hartui*"},
    {"ro", A, "viol|violat*"},
    {"ro", A, "atins* ~2 nepotrivit|intim*|sexual*"},
    {"ro", A, "jignit*|jignea|injurat*|injura"},
    {"ro", N, "lasat*|lasa|lasata ~4 dureri|durere|fara|murdar*|ud|uda|podea|jos|toaleta|singur*"},
    {"ro", N, "fara ~1 mancare|apa|bautura|ajutor|ingrijire|medicamente|tratament"},
    {"ro", N, "flamand*|infometat*|deshidrat*"},
    {"ro", N, "cazut*|cadea|cazand ~3 pat|scaun|targa|toaleta"},
    {"ro", N, "medicament*|doza|doze|pastil* ~1 gresit*"},
    {"ro", N, "gresit* ~1 medicament*|doza|doze|pastil*"},
    {"ro", N, "nesigur*|periculos|periculoasa"},
    {"ro", N, "nu ~3 in ~0 siguranta"},
    {"ro", N, "externat* ~3 prea ~0 devreme|repede"},
    {"ro", N, "neglij*"},
    {"ro", N, "escar*"},
    {"ro", C, "plangere*|reclamati*|reclamatie|sesizare"},
    {"ro", C, "avocat*"},
    {"ro", C, "judecata|instanta|proces"},

    // ---------------------------------------------------------------- Ukrainian (українська)
    {"uk", S, "самогуб*|суіцид*|суицид*"},
    {"uk", S, "вбити|убити|вб'ю|уб'ю|вбю ~1 себе"},
    {"uk", S, "покінчити|покінчу|покінчив|покінчила|покiнчити ~2 з ~0 собою|життям"},
    {"uk", S, "хочу|хотів|хотіла|хочеться ~2 померти|вмерти|помремо"},
    {"uk", S, "не ~1 хочу|хотів|хотіла ~1 жити"},
    {"uk", S, "самоушкодж*|самоповрежд*"},
    {"uk", S, "шкоди|шкоду|зашкодити|ріжу|порізала|порізав|різала|різав ~1 собі|себе"},
    {"uk", S, "передозуван*|передозу*"},
    {"uk", S,
     "криз* && ніхто|не ~2 відповів*|відповіли|допоміг*|допомогли|передзвонив*|"
     "передзвонили"},
    {"uk", A, "насильств*|насилл*"},
    {"uk", A, "знущ*"},
    {"uk", A,
     "ображав|ображала|ображали|образив|образила|образили|принижув*|принизи*|"
     "приниж*"},
    {"uk", A,
     "бив|била|били|побив*|побила|вдарив*|вдарила|вдарили|ударив|ударила|штовх*|"
     "штурхну*|смик*"},
    {"uk", A, "погрож*|погрожу*|залякув*"},
    {"uk", A, "кричав|кричала|кричали|кричить|кричать|верещ* ~1 на"},
    {"uk", A, "зґвалт*|згвалт*"},
    {"uk", A, "домаган*|домагав*|чіпляв*"},
    {"uk", A, "торкав*|торкал* ~2 мене|інтимн*|непристойн*"},
    {"uk", N,
     "залишили|залишив|залишила|залишен*|покинули|покинув|лишили ~4 болю|біль|без|"
     "брудн*|мокр*|підлоз*|туалет*|самого|саму|одного|одну"},
    {"uk", N, "без ~1 іжі|їжі|води|пиття|допомоги|догляду|ліків|знеболення"},
    {"uk", N, "голодн*|зневодн*"},
    {"uk", N, "впав|впала|упав|упала|падіння|випав|випала ~3 ліжка|ліжко|стільця|візка|ношів"},
    {"uk", N, "неправильн*|помилк* ~2 лік*|дозу|доза|дози|таблетк*"},
    {"uk", N, "не ті ліки"},
    {"uk", N, "небезпечн*|небезпек*"},
    {"uk", N, "не ~2 безпечн*|безпеці|безпеки"},
    {"uk", N, "виписал*|виписали|виписав ~3 зарано|зарано|рано|передчасно"},
    {"uk", N, "нехтув*|занедбан*"},
    {"uk", N, "пролежн*"},
    {"uk", C, "скарг*|скаржитис*|поскаржус*"},
    {"uk", C, "юрист*|адвокат*"},
    {"uk", C, "суд|суду|судом|позов*"},
    // ---------------------------------------------------------------- Portuguese
    // (suicídio, suicidio: English's suicid* already finds them; a second copy here would
    // escape English's negation cues)
    {"pt", S, "matar|mato|matei|suicidar ~0 me"},
    {"pt", S, "me ~0 matar|suicidar"},
    {"pt", S, "quero|queria|quis|apetece|desejo ~2 morrer"},
    {"pt", S, "nao ~1 quero|queria ~2 viver"},
    {"pt", S, "acabar|tirar|acabei|tirei ~3 minha ~0 vida"},
    {"pt", S, "automutil*|autoles*"},
    {"pt", S, "auto ~0 mutil*|les*"},
    {"pt", S, "corto|cortei|cortar|cortava ~0 me"},
    {"pt", S, "sobredos*"},
    {"pt", S, "crise* && ninguem|nao ~2 atendeu|atende*|respondeu|ajudou|ligou"},
    {"pt", A, "maus ~0 tratos"},
    {"pt", A, "agred*|agressao|agressoes"},
    {"pt", A, "bateu|bateram|batia|batiam|empurrou|empurraram|esbofete* ~0 me|lhe"},
    {"pt", A, "me|lhe ~0 bateu|bateram|batia|batiam|empurrou|empurraram|esbofeteou"},
    {"pt", A, "ameac*"},
    {"pt", A, "gritou|gritava|gritaram|gritavam|grita ~1 comigo|connosco|conosco|me"},
    {"pt", A, "humilh*"},
    {"pt", A, "assedi*"},
    {"pt", A, "estupr*|violada|violaram"},
    {"pt", A, "tocou|tocava|tocaram ~3 intim*|inapropriad*|partes"},
    {"pt", N,
     "deixaram|deixou|deixada|deixado|deixavam ~4 dor|dores|suj*|molhad*|chao|sozinh*|"
     "urina|fezes"},
    {"pt", N, "sem ~1 comida|comer|agua|beber|ajuda|cuidados|medicacao|medicamentos"},
    {"pt", N, "passei|passou|passamos|passava ~1 fome|sede"},
    {"pt", N, "desidrat*"},
    {"pt", N, "caiu|cai|caia|queda ~3 cama|cadeira|maca|chao"},
    {"pt", N, "medicacao|medicamento*|dose|comprimido* ~1 errad*"},
    {"pt", N, "errad* ~1 medicacao|medicamento*|dose|comprimido*"},
    {"pt", N, "inseguro|insegura|inseguranca|perigos*"},
    {"pt", N, "nao ~1 me ~0 senti|sentia|sinto|sentimos ~2 segur*|seguranca"},
    {"pt", N, "alta ~3 cedo|precoce"},
    {"pt", N, "negligencia|negligente|desleix*"},
    {"pt", N, "escaras|ulcera* ~2 pressao|decubito"},
    {"pt", C, "queixa*|reclamac*|reclamar|reclamarei"},
    {"pt", C, "livro ~0 de ~0 reclamacoes"},
    {"pt", C, "advogad*|processar"},
    // ---------------------------------------------------------------- Spanish
    {"es", S, "matarme|suicidarme|morirme"},
    {"es", S, "me ~0 quiero|queria|voy+a ~0 matar|morir|suicidar"},
    {"es", S, "quiero|queria|quise|deseo|quisiera ~2 morir"},
    {"es", S, "no ~1 quiero|queria ~2 vivir"},
    {"es", S, "quitarme|quitarse ~1 la ~0 vida"},
    {"es", S, "acabar|terminar ~1 con ~1 mi ~0 vida"},
    {"es", S, "autolesi*|autoles*"},
    {"es", S, "me ~0 corto|corte|cortaba|lastimo|lastime"},
    {"es", S, "cortarme|lastimarme|hacerme+dano"},
    {"es", S, "sobredosis"},
    {"es", S,
     "crisis && nadie|no ~2 contesto|contestaron|respondio|respondieron|ayudo|ayudaron|"
     "llamo|llamaron"},
    {"es", A, "maltrat*"},
    {"es", A, "agred*|agresion|agresiones"},
    {"es", A, "me|le|la|lo ~0 pego|pegaron|pegaba|golpeo|golpearon|empujo|empujaron|abofeteo"},
    {"es", A, "amenaz*"},
    {"es", A, "me|nos|le ~0 grito|gritaba|gritaron|gritaban|insulto|insultaron|humillo|humillaron"},
    {"es", A, "humill*"},
    {"es", A, "acoso|acosaba|acosaron|acosado|acosada|acosar"},
    {"es", A, "violada|violador|violaron"},
    {"es", A, "toco|tocaba|tocaron ~3 intim*|inapropiad*|partes"},
    {"es", N,
     "dejaron|dejo|dejada|dejado|dejaban ~4 dolor|dolores|sucio|sucia|mojad*|suelo|solo|sola|"
     "orina|heces"},
    {"es", N, "sin ~1 comida|comer|agua|beber|ayuda|cuidados|medicacion|medicamentos"},
    {"es", N, "pase|paso|pasamos|pasaba ~1 hambre|sed"},
    {"es", N, "deshidrat*"},
    {"es", N, "cayo|cai|caida|caerse|caerme ~3 cama|silla|camilla|suelo"},
    {"es", N, "medicacion|medicamento*|dosis|pastilla* ~1 equivocad*|incorrect*"},
    {"es", N, "equivocad*|incorrect* ~1 medicacion|medicamento*|dosis|pastilla*"},
    {"es", N, "inseguro|insegura|inseguridad|peligros*"},
    {"es", N, "no ~1 me ~0 senti|sentia|siento|sentimos ~2 segur*|seguridad|a+salvo"},
    {"es", N, "alta ~3 temprano|pronto|antes+de+tiempo"},
    {"es", N, "negligencia|negligente|descuid*"},
    {"es", N, "escaras|ulcera* ~2 presion|decubito"},
    {"es", C, "queja*|reclamacion*|reclamar|denuncia*|denunciar*"},
    {"es", C, "abogad*|demandar|demandare|juzgado"},
    // ---------------------------------------------------------------- Lithuanian
    {"lt", S, "savizud*|nusizud*"},
    {"lt", S, "noriu|norejau|norisi|noreciau ~1 mirti|numirti"},
    {"lt", S, "nenoriu|nenorejau|nebenoriu ~1 gyventi"},
    {"lt", S, "atimti|atimsiu ~1 sau ~0 gyvybe"},
    {"lt", S, "susizalo*|save ~0 zaloj*|zaloju ~0 save"},
    {"lt", S, "pjaustau|pjausciau|pjaustausi|susipjausciau ~1 save|rankas|venas"},
    {"lt", S, "perdoz*"},
    {"lt", S, "kriz* && niekas|nieks ~2 neatsiliep*|neatsak*|nepadej*|nepaskamb*"},
    {"lt", S, "kriz* && neatsiliep*|neatsake|nepadejo"},
    {"lt", A, "smurt*|prievart*"},
    {"lt", A, "sumuse|trenke|trenkdavo|musdavo|stume|stumdydavo|pastume|suduode"},
    {"lt", A, "grasin*|bauginm*"},
    {"lt", A, "reke|rekdavo|sauke|saukdavo ~1 ant"},
    {"lt", A, "zemin*|pazemin*|izeid*|izeidine*"},
    {"lt", A, "priekab*|tvirkin*"},
    {"lt", A, "isprievart*"},
    {"lt", A, "liete|liesdavo|ciupinejo ~2 intym*|netinkam*"},
    {"lt", N, "paliko|palikta|paliktas|palikdavo ~4 skausm*|nesvar*|slap*|grind*|vien*|slapim*"},
    {"lt", N, "be ~1 maisto|vandens|gerti|pagalbos|prieziuros|vaistu"},
    {"lt", N, "alkan*|dehidrat*|istrosk*"},
    {"lt", N, "nukrito|iskrito|krito|nugriuvo ~3 lovos|kedes|nestuvu|grind*"},
    {"lt", N, "neteising*|klaiding* ~2 vaist*|doz*|tablet*"},
    {"lt", N, "nesaugu|nesaugus|nesaugi|pavojing*"},
    {"lt", N, "nesijauciau|nesijauteme|nesijauciame|nesijauciu ~1 saug*"},
    {"lt", N, "israse|isleido|isleista ~3 per ~0 anksti"},
    {"lt", N, "apleist*|nepriziur*"},
    {"lt", N, "pragul*"},
    {"lt", C, "skund*|pasiskus*"},
    {"lt", C, "advokat*|teism*"},
    // ---------------------------------------------------------------- Italian
    {"it", S, "uccidermi|ammazzarmi|suicidarmi"},
    {"it", S, "togliermi|togliersi ~1 la ~0 vita"},
    {"it", S, "voglio|volevo|vorrei ~1 morire"},
    {"it", S, "non ~1 voglio|volevo ~2 vivere"},
    {"it", S, "autolesion*|autolesiv*"},
    {"it", S, "tagliarmi|ferirmi"},
    {"it", S, "farmi|farsi ~0 del ~0 male"},
    {"it", S, "mi ~0 taglio|tagliavo|ferisco"},
    {"it", S, "crisi && nessuno|non ~2 risposto|risponde*|aiutato|richiamato"},
    {"it", A, "maltratt*"},
    {"it", A, "aggredi*|aggression*"},
    {"it", A, "picchiat*|picchiava|picchiavano|schiaffeggi*|spintonat*|strattonat*"},
    {"it", A, "minacci*"},
    {"it", A, "mi|ci ~0 ha|hanno ~0 urlato|gridato|sgridato|insultato|umiliato"},
    {"it", A, "urlato|urlava|urlavano|gridato|gridava|gridavano ~1 contro|addosso"},
    {"it", A, "umiliat*|umiliazion*|umiliava|umiliante"},
    {"it", A, "molestat*|molestie"},
    {"it", A, "stupr*|violentat*"},
    {"it", A, "toccat*|toccava ~3 intim*|inappropriat*|parti"},
    {"it", N,
     "lasciat*|lasciava|lasciavano ~4 dolore|dolori|sporc*|bagnat*|pavimento|terra|solo|sola|"
     "urina|feci"},
    {"it", N, "senza ~1 cibo|mangiare|acqua|bere|aiuto|assistenza|farmaci|medicine"},
    {"it", N, "disidrat*|affamat*"},
    {"it", N, "cadut*|caduta|cade|cadde ~3 letto|sedia|barella|pavimento|terra"},
    {"it", N, "farmac*|medicin*|dose|pastigli* ~1 sbagliat*"},
    {"it", N, "sbagliat* ~1 farmac*|medicin*|dose|pastigli*"},
    {"it", N, "pericolos*|insicur*"},
    {"it", N, "non ~0 mi|ci ~1 sentiv*|sentit*|sento ~2 sicur*|sicurezza"},
    {"it", N, "dimess*|dimissione ~3 troppo ~0 presto"},
    {"it", N, "negligenza|negligente|trascurat*"},
    {"it", N, "piaghe|piaga ~2 decubito"},
    {"it", C, "reclamo|reclami|reclamazione|denunci*"},
    {"it", C, "avvocat*|tribunale|querela"},
    // ---------------------------------------------------------------- Turkish
    {"tr", S, "intihar*"},
    {"tr", S, "kendimi ~1 oldur*|asmak|asacag*"},
    {"tr", S, "olmek ~0 istiyorum|istedim|istiyordum|isterdim"},
    {"tr", S, "yasamak ~0 istemiyorum|istemedim|istemiyordum"},
    {"tr", S, "hayatima|canima ~0 son ~0 ver*|kiy*"},
    {"tr", S, "canima ~0 kiy*"},
    {"tr", S, "kendime ~0 zarar"},
    {"tr", S, "kendimi ~0 kes*"},
    {"tr", S, "asiri ~0 doz*"},
    {"tr", S, "kriz* && kimse|hicbiri ~3 acmadi|cevaplamadi|donmedi|etmedi|aramadi"},
    {"tr", A, "siddet*|istismar*|taciz*|tecavuz*"},
    {"tr", A, "dovdu|dovduler|dovuyor|dovuyordu|tokatla*|itekle*|itip ~0 kakti*"},
    {"tr", A, "tehdit*"},
    {"tr", A, "bana|bize|hastalara|anneme|babama ~1 bagir*"},
    {"tr", A, "asagila*|hakaret*|asagiladi"},
    {"tr", A, "uygunsuz* ~2 dokun*"},
    {"tr", N, "aci|acilar|agri|agrilar|agrilarla|yerde|kirli|islak|yalniz ~3 birak*"},
    {"tr", N, "yemek|su|yardim|bakim|ilac|ilaclarimi ~0 verilmedi|vermediler|olmadan"},
    {"tr", N, "ac|susuz ~0 kaldim|kaldi|kaldik|biraktilar"},
    {"tr", N, "yataktan|sandalyeden|sedyeden ~1 dustu|dustum|dusmus|dustuk"},
    {"tr", N, "yanlis ~1 ilac*|doz*|hap*"},
    {"tr", N, "guvende ~0 hissetmedim|hissetmiyorum|degildim|degilim|degildik"},
    {"tr", N, "guvensiz*|tehlikeli"},
    {"tr", N, "erken ~1 taburcu"},
    {"tr", N, "ihmal*"},
    {"tr", N, "yatak ~0 yara*"},
    {"tr", C, "sikayet*"},
    {"tr", C, "avukat*|mahkeme*|dava"},
};

constexpr DefuserText kDefusers[] = {
    // A rescue told in the past: "staff saved me when I was suicidal".
    {"en", "S", "saved|save|saving|rescued|prevented|stopped ~1 me|my|him|her|us"},
    {"en", "SN", "saved|save|saving ~2 life|lives"},
    {"en", "S",
     "helped|supported|support|helping|got|pulled ~1 me|him|her|us ~1 through|when|"
     "with"},
    {"en", "S", "make|makes|made|making ~0 sure ~2 i|i'm|we|he|she|you|they ~2 safe"},
    {"en", "S", "keep|keeps|kept|keeping ~1 me|him|her|us ~1 safe|alive"},
    {"en", "S", "was|were ~1 there ~1 for ~1 me|him|her|us"},
    // Time: what was and is no longer.
    {"en", "S", "used+to|in+the+past|years+ago|previously|as+a+teenager|history+of|no+longer", 4},
    {"en", "S", "accidental*|by+accident|by+mistake|unintentional*", 4},
    // Words that only look like the trigger.
    {"en", "A", "life|lifes", 1},
    {"en", "A", "heart|panic|asthma|anxiety|asthmatic", 1},
    {"en", "A",
     "substance|drug|drugs|alcohol|historic|historical|childhood|child|past|"
     "previous|solvent",
     2},
    {"en", "A", "non", 1},
    {"en", "A", "intervened|protected|stepped+in|dealt+with|sorted"},
    {"en", "A", "helped ~2 report*"},
    {"en", "C", "helped ~2 report*"},
    // A hypothetical: "very unsafe if my child had been seriously unwell".
    {"en", "NC", "if|unless|whether", 3},
    {"en", "N", "if", -2},
    {"en", "N", "if ~1 it|they|he|she ~0 wasn't|weren't|hadn't|had+not|was+not ~1 for"},
    {"en", "N", "if+not+for|thanks+to|thank+god"},
    {"en", "N", "stop|avoid|prevent", 1},
    // Welsh, Polish, Romanian, Ukrainian: rescue and time.
    {"cy", "S", "achub*|achubodd|helpu|helpodd"},
    {"cy", "S", "arfer|gorffennol|flynyddoedd", 4},
    {"pl", "S", "uratowal*|uratowali|uratowala|pomogl*|pomogli|pomagal*"},
    {"pl", "S", "kiedys|dawniej|przeszlosci", 4},
    {"ro", "S", "salvat*|ajutat*"},
    {"ro", "S", "trecut|candva|demult", 4},
    {"uk", "S", "врятува*|врятув*|допомогл*|допоміг*|допомогли"},
    {"uk", "S", "колись|раніше|минулому", 4},
    {"cy", "N", "pe+bai|pe+byddai|petai|petasai|os", 3},
    {"pl", "N", "gdyby|jesli|jezeli", 3},
    {"ro", "N", "daca", 3},
    {"uk", "N", "якби|якщо", 3},
    // Portuguese, Spanish, Lithuanian, Italian, Turkish: rescue, time and hypotheticals.
    {"pt", "S", "salvou|salvaram|ajudou|ajudaram|ajudar ~1 me|a|vida"},
    {"pt", "S", "antigamente|passado|anos+atras|ja+nao", 4},
    {"pt", "N", "caso|imagine|imaginem", 3},
    {"es", "S", "salvo|salvaron|ayudo|ayudaron ~1 me|a|vida"},
    {"es", "S", "pasado|antiguamente|hace+anos|ya+no", 4},
    {"es", "N", "imagina|imaginen|en+caso", 3},
    {"lt", "S", "isgelbej*|padejo"},
    {"lt", "S", "anksciau|praeityje|kazkada", 4},
    {"lt", "N", "jei|jeigu", 3},
    {"it", "S", "salvat*|salvato|aiutat*"},
    {"it", "S", "passato|anni+fa|una+volta|non+piu", 4},
    {"it", "N", "qualora|nel+caso", 3},
    {"tr", "S", "kurtard*|kurtardilar"},
    {"tr", "S", "eskiden|gecmiste|yillar+once", 4},
    {"tr", "N", "eger|sayet", 3},
};

constexpr CueText kCues[] = {
    {"en",
     "not no never nor neither none nothing nobody noone hardly dont didnt doesnt wasnt werent "
     "isnt arent cant cannot couldnt wouldnt shouldnt havent hasnt hadnt wont without",
     "but however although though yet whereas except apart otherwise",
     "and or so then because cos since when while whilst which who that until till after "
     "before as stop stopped control find get got know tell say said mind"},
    {"cy", "ddim dim nid nad na erioed byth neb", "ond er serch", "a ac neu oherwydd achos pan"},
    {"pl", "nie nigdy ani nikt nic zaden zadna zadnego", "ale jednak lecz choc chociaz",
     "i oraz lub bo poniewaz kiedy gdy ktory ktora"},
    {"ro", "nu niciodata nici nimeni nimic niciun nicio", "dar insa totusi desi",
     "si sau pentru deoarece cand care"},
    {"uk", "не ні ніколи ані ніхто ніщо жоден жодна", "але проте однак хоча",
     "і й та або бо тому коли який яка"},
    {"pt", "nao nunca nem ninguem nada nenhum nenhuma jamais sem", "mas porem contudo embora",
     "e ou porque quando que qual"},
    {"es", "no nunca ni nadie nada ningun ninguna ninguno jamas sin tampoco", "pero aunque sino",
     "y o porque cuando que cual"},
    {"lt", "ne niekada niekas nieko joks jokia jokio be nei", "bet taciau nors",
     "ir ar nes kai kuris kuri"},
    {"it", "non mai ne nessuno niente nulla nessun nessuna senza",
     "ma pero tuttavia sebbene benche", "e o perche quando che quale"},
    {"tr", "degil hic hicbir kimse asla yok", "ama fakat ancak ragmen", "ve veya cunku zaman ki"},
};

#undef WV_PERSON
#undef WV_ACUTE

} // namespace

std::span<const TriggerText> triggers() {
    return kTriggers;
}
std::span<const DefuserText> defusers() {
    return kDefusers;
}
std::span<const CueText> cues() {
    return kCues;
}

} // namespace wardvoice::common::safeguarding
