// The curated vocabulary of ward subjects. Written from what patients and carers write in
// NHS Friends and Family Test comments (acute wards, A&E, ambulance and 111, community and
// mental health services); each subject is named in the words a panel member would use.
#include "aggregator/themes/subject_lexicon.hpp"

namespace wardvoice::themes {

// clang-format off
const SubjectText kSubjectTexts[] = {
    // --- the ward and its care ------------------------------------------------------------
    {"call_bells", "call bells", 2,
     "call bell*|buzzer*|call button*|bell*|emergency cord*|pull cord*",
     "call bells not answered=not answer*|unanswer*|ignor*|nobody came|no one came|noone came|"
     "took ages|ages|wait*|ringing|rang|long time|minutes|forever|never came|didn't come"},
    {"hand_hygiene", "hand gel and hand washing", 2,
     "hand gel*|gel|gels|sanitis*|sanitiz*|hand wash*|handwash*|wash* ~2 hand*|clean* ~2 hands|"
     "hand hygiene|alcohol rub|dispenser*",
     "hand gel dispensers empty=empty|ran out|run out|running out|no gel|no hand gel|refill*|"
     "not working|broken|nothing in;"
     "staff not washing hands=didn't wash|did not wash|not wash*|never wash*|without wash*|"
     "didn't use|did not use|not using|didn't clean|did not clean|forgot|before touching"},
    {"masks_ppe", "masks and protective equipment", 2,
     "mask*|ppe|glove*|apron*|face covering*|visor*",
     "masks not worn=not wear*|wasn't wearing|weren't wearing|no mask*|without mask*|"
     "not wearing|didn't wear|did not wear|took off|below ~2 nose|under ~2 nose|chin"},
    {"cleanliness", "ward cleanliness", 2,
     "clean|cleaner|cleaners|cleaned|cleaning|cleanliness|dirty|filth*|dust*|spotless|"
     "hygien*|tidy|untidy|messy|stain*|litter|bins|rubbish bin*|grubby|immaculate|floor*",
     "ward not clean=dirty|filth*|not clean*|unclean|dust*|mess*|stain*|disgusting|smell*|"
     "grubby|never cleaned|wasn't cleaned|not been cleaned|overflowing"},
    {"toilets", "toilets and bathrooms", 2,
     "toilet*|bathroom*|shower*|loo|loos|commode*|wc|washroom*",
     "toilets dirty=dirty|filth*|not clean*|smell*|disgusting|blocked|urine|faeces|"
     "never cleaned|wasn't cleaned;"
     "toilets broken or too few=broken|out of order|not working|only one|too few|not enough|"
     "queue*|no toilet*|far"},
    {"noise_night", "noise at night", 2,
     "nois*|loud*|beep*|bleep*|snor*|quiet*|sleep*|slept|racket|din|lights on|lights left|"
     "bright light*|woken|woke me|kept awake|kept me awake|awake all night|disturb*|alarm*|"
     "banging|slamming|talking at night|chatting at night",
     ""},
    {"temperature", "ward temperature", 2,
     "temperature|too hot|too warm|boiling|sweltering|stuffy|heating|air con*|"
     "air condition*|fans|fan|too cold|freezing|chilly|draught*|drafty|draughty|windows",
     "ward too hot=too hot|too warm|boiling|sweltering|stuffy|no air|fan|fans|air con*;"
     "ward too cold=too cold|freezing|chilly|draught*|heating"},
    {"food", "food and drink", 2,
     "food|meal*|breakfast*|lunch*|dinner*|supper*|menu*|sandwich*|snack*|diet*|vegetarian|"
     "vegan|halal|kosher|gluten|portion*|catering|hungry|starving|starved|toast|soup|cuppa|"
     "tea|coffee|drink*|water jug*|jug of water|fresh water|thirsty|cereal|fruit|biscuit*|"
     "porridge|jelly|custard|dessert*|pudding*|cooked|canteen|cafe|café|restaurant|"
     "vending machine*|eat|eating|ate",
     "food served cold=cold|lukewarm|not hot|not warm|stone cold;"
     "food quality and choice=bland|tasteless|inedible|horrible|awful|poor|choice|options|"
     "same every day|same thing|stale|overcooked|undercooked|soggy|greasy|dry|variety|"
     "improve*|better|quality|no vegetarian|not enough;"
     "drinks not offered=no drink*|no water|thirsty|not offered|dehydrat*|no cup*|"
     "never offered|out of reach|no tea"},
    {"parking", "car parking", 2,
     "park|parking|car park*|carpark*|parked|parking space*|parking ticket*|disabled bay*|"
     "drop off",
     "car park cost=cost*|expensive|price*|pay|paying|paid|charg*|fee*|money|extortionate|"
     "daylight robbery|free parking|cash|ticket*|pound*|a day|per day;"
     "no parking spaces=no space*|spaces|nowhere to park|full|couldn't park|could not park|"
     "find a space|finding a space|find a parking|finding parking|circling|not enough|"
     "looking for a|drove round|driving round"},
    {"visiting", "visiting hours", 2,
     "visit|visits|visiting|visitor*|visiting hour*|visiting time*",
     "visiting hours too short=short|restrict*|limited|only ~2 hour*|not allowed|wasn't allowed|"
     "weren't allowed|only one visitor|more visiting|longer|extend*|after work|evening*|"
     "too early|ends|finish*|rules"},
    {"discharge", "discharge from hospital", 2,
     "discharg*|sent home|going home|went home|leave hospital|left hospital|leaving hospital|"
     "allowed home|let me go home|home from hospital|discharge lounge",
     "discharge letter late=letter*|paperwork|summary|papers|forms;"
     "discharge delayed=delay*|wait*|hours|late|took ages|all day|long|slow|still here|"
     "kept waiting|sat for;"
     "sent home too early=too early|too soon|sent home too|premature*|not ready|"
     "before i was ready|wasn't ready|still unwell|readmit*|came back"},
    {"medicines", "medicines and prescriptions", 2,
     "medic*|medication*|tablet*|pill*|prescri*|pharmac*|drug*|dose|doses|dosage|inhaler*|"
     "insulin|meds|tto|ttos|injection*|antibiotic*|chemist",
     "medicines to take home delayed=wait* ~4 pharmac*|pharmac* ~4 wait*|take home|hours|"
     "delay*|took ages|all day;"
     "medicines not explained=not explain*|no one explained|nobody explained|side effect*|"
     "didn't know what|no information|not told|wasn't told|what they were for|"
     "didn't understand;"
     "medicines missed or wrong=missed|wrong|forgot*|not given|late|wasn't given|"
     "weren't given|ran out|run out|mix up|error*|incorrect"},
    {"pain", "pain relief", 2,
     "pain|pains|painful|pain relief|painkiller*|pain killer*|analges*|morphine|paracetamol|"
     "codeine|sore|soreness|agony|hurt|hurting|hurts|discomfort",
     "pain not controlled=still in pain|in agony|no pain relief|not given|wait* ~4 pain|"
     "left in pain|uncontrolled|ignored|not taken seriously|severe|excruciating|"
     "nothing for ~2 pain|not managed"},
    {"personal_care", "help with washing and dressing", 2,
     "personal care|bed bath*|bed wash*|help* ~2 wash|help* ~2 washing|help* ~2 dress*|"
     "get washed|got washed|wash me|washed me|dressing|dressed|shave*|shaving|teeth|"
     "denture*|hair|incontinen*|pad|pads|soiled|wet bed|wet the bed|bedpan*|pressure sore*|"
     "pressure ulcer*|turned|repositioned",
     "personal care not given=left|not washed|wasn't washed|never washed|soiled|"
     "wet|not changed|wasn't changed|dirty|smell*|nobody helped|no one helped|waited"},
    {"bed_comfort", "beds and chairs", 2,
     "bed|beds|mattress*|pillow*|blanket*|sheets|bedding|linen|chair*|trolley|trolleys|"
     "recliner*|bedside",
     "uncomfortable beds and chairs=uncomfortable|hard|broken|old|no pillow*|not enough|"
     "couldn't sleep|dirty sheets|not changed;"
     "waiting for a bed=wait* ~3 bed|no bed*|bed ~3 available|find a bed|corridor|trolley"},
    {"equipment", "medical equipment", 2,
     "equipment|wheelchair*|hoist*|oxygen|drip|drips|cannula*|"
     "walking frame*|zimmer*|crutch*|stretcher*|walking aid*|commode chair*|sling*|"
     "hearing aid*|glasses",
     "equipment broken or missing=broken|not working|missing|faulty|old|no wheelchair*|"
     "not enough|lost|out of date|had to wait for"},
    {"tv_wifi", "TV, wifi and phone charging", 2,
     "tv|tvs|television*|wifi|wi fi|internet|hospedia|charger*|charging|phone signal|signal|"
     "radio|headphone*|entertainment",
     "TV and wifi problems=cost*|expensive|pay|paying|charge|not working|no wifi|"
     "broken|no signal|poor signal|doesn't work"},
    {"privacy_dignity", "privacy and dignity", 2,
     "privacy|private|dignity|curtain*|mixed ward*|mixed sex|overheard|confidential*|"
     "embarrass*|humiliat*|exposed|respect*|disrespect*|degrading|treated like",
     "privacy and dignity not respected=no privacy|lack of privacy|overheard|exposed|"
     "curtain* ~3 open|humiliat*|embarrass*|disrespect*|degrading|treated like|mixed"},
    {"ward_environment", "ward environment", 2,
     "environment|decor|decorat*|building*|facilit*|cramped|lounge|day room|dayroom|"
     "communal|garden*|outside space|fresh air|corridor*|lift|lifts|lighting|furniture|"
     "rooms|side room*|single room*|bay|bays|layout",
     "ward environment run down=run down|rundown|old|dated|tired|shabby|cramped|dark|"
     "depressing|broken|needs updating|needs decorating|damp|mould*"},
    {"waiting_area", "waiting area", 2,
     "waiting room*|waiting area*|seating|seats|reception area|waiting rooms",
     "waiting area crowded or uncomfortable=crowded|busy|full|no seat*|uncomfortable|cold|"
     "standing|packed|not enough"},
    {"signage_location", "finding the way and location", 2,
     "sign|signs|signage|signpost*|direction*|find the ward|find my way|get lost|got lost|"
     "easy to find|hard to find|difficult to find|location|located|easy to get to|"
     "hard to get to|close to home|near home|bus|buses|public transport|distance",
     "hard to find the way=hard to find|difficult to find|got lost|get lost|lost|confus*|"
     "no sign*|poor sign*|badly signed|far|too far|long way"},
    {"smoking", "smoking on site", 2, "smok*|cigarette*|vape*|vaping|e cig*|nicotine", ""},
    // --- getting care: ambulance, 111, A&E, appointments, referrals --------------------------
    {"ambulance_response", "ambulance response time", 2,
     "ambulance* ~4 arriv*|ambulance* ~4 came|ambulance* ~4 took|ambulance* ~4 wait*|"
     "ambulance* ~4 hour*|ambulance* ~4 time|ambulance* ~4 quick*|ambulance* ~4 sooner|"
     "ambulance* ~4 late|wait* ~4 ambulance*|crew* ~4 arriv*|paramedic* ~4 arriv*|"
     "crew* ~3 came|paramedic* ~3 came|response time*|arrival time|time of arrival|"
     "ambulance* ~4 response|quick response|prompt response|rapid response",
     "ambulance response slow=wait*|hour*|sooner|quicker|faster|long|slow|late|delay*|ages|"
     "took ~3 long|still waiting|never came"},
    {"patient_transport", "patient transport", 2,
     "transport|driver*|taxi*|pick up|picked up|picking up|pick me up|collect*|"
     "journey*|ambulance car|lift home|pts|escort*|minibus|vehicle*|car|cars",
     "transport late or missed=late|wait* ~3 hour*|waiting|delay*|early|missed|never turned up|"
     "didn't turn up|did not turn up|no show|cancel*|not on time|forgot|hours|long wait"},
    {"calls_111", "111 calls and advice", 2,
     "111|call handler*|handler*|operator*|call taker*|triage|999|emergency call|"
     "on the phone to|person on the phone|lady on the phone|man on the phone|"
     "gentleman on the phone|woman on the phone",
     "waiting for a call back=call back|called back|ring back|rang back|phone back|callback*|"
     "on hold|wait* ~4 call|hours;"
     "too many triage questions=too many question*|repetitive|same question*|repeat*|"
     "irrelevant|pointless|long winded|questions"},
    {"call_backs", "call backs", 2,
     "call back|called back|ring back|rang back|phone back|phoned back|callback*|call me back|"
     "ring me back|rung back",
     "call back too slow=wait*|hour*|long|never|didn't|no one|nobody|late|still|slow|delay*"},
    {"phone_lines", "getting through on the phone", 2,
     "phone*|telephone*|switchboard|phone line*|get through|got through|getting through|"
     "answerphone|voicemail|on hold",
     "phones not answered=not answer*|no answer|unanswered|engaged|couldn't get through|"
     "can't get through|cannot get through|did not get through|didn't get through|"
     "not get through|hard to get through|difficult to get through|"
     "on hold|ring* ~2 ring*|voicemail|never answer*|nobody answer*|no one answer*"},
    {"ae_waits", "waiting in A&E", 2,
     "a e|a and e|a&e|accident and emergency|emergency department|casualty|"
     "minor injur*|urgent care|walk in centre|walk in",
     "long wait in A&E=wait*|hour*|long|ages|delay*|slow|all night|trolley|corridor"},
    {"appointments", "appointments and bookings", 2,
     "appointment*|appt*|booking*|book|booked|rebook*|reschedul*|clinic*|outpatient*",
     "appointments cancelled or moved=cancel*|reschedul*|moved|changed|postpone*|rearrang*;"
     "waiting for an appointment=wait* ~4|months|weeks|long|sooner|delay*|still waiting|"
     "no appointment|hard to get|difficult to get|can't get|couldn't get;"
     "appointments running late=running late|ran late|behind|late|kept waiting|wait* ~3 minutes|"
     "wait* ~3 hour*|over an hour|on time"},
    {"referrals", "referrals and waiting lists", 2,
     "referr*|referral*|waiting list*|waitlist*|wait list*|assessment*|assessed|"
     "signposted|signposting",
     "waiting for referral or assessment=wait*|months|weeks|years|long|slow|still|delay*|"
     "never heard|no response|chase*|chasing"},
    {"tests_results", "tests, scans and results", 2,
     "test|tests|tested|testing|scan|scans|scanned|x ray*|xray*|blood test*|bloods|blood|"
     "results|result|mri|ct|ecg|biopsy|ultrasound|swab*|sample*|diagnos*|misdiagnos*",
     "waiting for test results=wait* ~3 result*|results|delay*|not told ~3 result*|"
     "never got|still waiting|chase*;"
     "diagnosis missed or wrong=misdiagnos*|wrong diagnosis|missed|wrong|no diagnosis|"
     "not diagnosed|sent away"},
    {"operations", "operations and procedures", 2,
     "operation*|procedure*|theatre*|surgeon*|anaesthe*|anesthe*|op|surgery ~3 cancel*|"
     "keyhole|stitches|wound*",
     "operation cancelled or delayed=cancel*|delay*|postpone*|wait*|nil by mouth|starved|"
     "fasting|all day"},
    {"admission", "admission to a ward", 2,
     "admission|admitted|admit|bed manager*|find a bed|waiting for a bed|get a bed|"
     "assessment unit|mau|amu|transferred|transfer",
     "admission delayed=wait*|hour*|long|delay*|no bed*|corridor|trolley|overnight|all night"},
    {"gp", "GP and primary care", 2,
     "gp|gps|gp's|doctor's surgery|doctors surgery|family doctor|health centre|surgery",
     "hard to see a GP=can't get|couldn't get|hard to get|appointment|wait*|weeks|no appointment"},
    {"follow_up", "follow-up after leaving", 2,
     "follow up|follow ups|followup*|aftercare|after care|after discharge|after i left|"
     "after i went home|check up|check ups|who to call|who to contact|who to ring|"
     "contact number|helpline|support at home|when i got home|once home",
     "no follow-up arranged=no follow|never heard|didn't hear|not contacted|nobody contacted|"
     "no one contacted|still waiting|wait*|nothing|no contact|didn't know who|not told who|"
     "no number|no one called|nobody called|heard nothing"},
    {"home_visits", "home visits and community nurses", 2,
     "home visit*|visit* ~2 home|visited me|came to my home|came to the house|district nurse*|"
     "community nurse*|community team*|community matron*|home care|carers coming|care package*",
     "home visits late or missed=late|missed|didn't come|did not come|no show|never came|"
     "not turn up|didn't turn up|cancel*|wait* ~3 hour*|rushed|not enough time|different time"},
    // --- mental health and community services ---------------------------------------------
    {"therapy_groups", "therapy and group sessions", 2,
     "therap*|counsel*|session*|group|groups|class|classes|course*|cbt|dbt|emdr|"
     "psychological|psychology|workshop*|peer support|support group*",
     "more therapy sessions=more|longer|not enough|too short|wait*|ended|stopped|finished|"
     "only six|only 6|limited|too few|cut"},
    {"activities", "activities and things to do", 2,
     "activit*|bored*|boredom|games|quiz*|art|arts|crafts|craft|exercise|gym|outing*|"
     "pool table|music|cooking|baking|jigsaw*|puzzle*|nothing to do|something to do|"
     "occupational therap*|ot",
     "not enough activities=bored*|nothing to do|more activit*|not enough|lack*|no activit*|"
     "weekend*|evening*|more to do|more things to do"},
    {"ward_leave", "ward leave", 2,
     "more leave|ground leave|escorted leave|unescorted leave|home leave|section 17|s17|"
     "my leave|leave ~2 cancel*|leave ~2 granted|leave off the ward|go out|going out|"
     "time off the ward|off the ward",
     "leave cancelled or restricted=cancel*|more leave|not enough|restrict*|not allowed|"
     "stopped|refused|staff shortage*|short staff*"},
    {"mental_health_act", "Mental Health Act and sections", 2,
     "sectioned|mental health act|tribunal*|detained|detention|mha|section 2|section 3|"
     "my section|on a section|rights",
     ""},
    {"psychiatrist", "seeing a psychiatrist or consultant", 2,
     "psychiatrist*|consultant*|psychologist*|ward round*|care coordinator*|"
     "care co ordinator*|key worker*|keyworker*|cpn|cpns",
     "more psychiatrist or consultant time=more often|more frequent*|more time|rarely|"
     "not seen|haven't seen|never seen|face to face|only once|not enough|see ~3 more|wait*"},
    {"face_to_face", "face-to-face appointments", 2,
     "face to face|in person|video call*|video|zoom|teams call*|virtual|telephone appointment*|"
     "phone appointment*|phone call appointment*|phone consultation*|remote*|online",
     "more face-to-face appointments=more|rather|prefer*|instead|back to|not the same|"
     "impersonal|hard over|difficult over"},
    {"crisis_support", "crisis and out-of-hours support", 2,
     "crisis|crisis team*|out of hours|out-of-hours|24 hour*|"
     "24/7|urgent help|urgent support|emergency support|crisis line",
     "no help in a crisis=no help|no support|not available|couldn't get|can't get|nobody|"
     "no one|closed|wait*|turned away|not answer*"},
    {"carers_support", "support for families and carers", 2,
     "carer|carers|carer's|family ~3 involv*|involv* ~3 family|involv* ~3 carer*|"
     "next of kin|keep my family|kept my family|told my family|inform* ~3 family|"
     "support for carers|carers group|family support|relatives ~3 informed",
     "family not kept informed=not told|not informed|wasn't told|weren't told|no one told|"
     "nobody told|not involved|wasn't involved|weren't involved|excluded|left out|not updated|"
     "no update*|no contact"},
    {"crisis_safety", "feeling safe", 2,
     "safe|unsafe|safety|secure|insecure|protected|threatened|vulnerable|violent|violence|"
     "aggressive|aggression|assault*|bullied|bullying|harass*|intimidat*",
     "not feeling safe=unsafe|not safe|didn't feel safe|did not feel safe|never felt safe|"
     "threatened|violent|violence|aggressive|aggression|assault*|bullied|bullying|harass*|"
     "intimidat*|scared|frightened"},
    {"falls", "falls and injuries", 2, "fell|fall|falls|fallen|falling|slipped|slip|tripped|trip hazard*",
     ""},
    // --- people, communication and the way care is given ------------------------------------
    {"staffing_levels", "staffing levels", 1,
     "more staff|short staffed|short-staffed|understaffed|under staffed|not enough staff|"
     "lack of staff|staff shortage*|shortage of staff|shortages|busy|overworked|"
     "over worked|stretched|agency staff|agency nurse*|bank staff|staffing|more nurses|"
     "more doctors|more people|few staff|too few|rushed off|run off their feet|"
     "rushed off their feet|run off|not enough nurses|not enough doctors|enough nurses|"
     "more nurses on|nurses on at night",
     "not enough staff=more staff|short staff*|understaff*|under staffed|not enough|lack of|"
     "shortage*|busy|overworked|over worked|stretched|too few|rushed off|more nurses|"
     "more doctors"},
    {"staff_attitude", "staff attitude", 1,
     "rude*|attitude*|unfriendly|unhelpful|dismissive|abrupt|arrogant|uncaring|"
     "unprofessional|patronis*|patroniz*|condescend*|disrespect*|shouted|shouting at|snapp*|"
     "bedside manner|bad manner*|no manner*|judgement*|judgmental|judgemental|stigma|sarcas*|belittl*|"
     "cold towards|heartless|unkind|impatient|grumpy|moody|bad tempered|eye roll*|"
     "eyes rolled|sighing|sighed",
     "staff rude or dismissive=rude*|attitude|unfriendly|unhelpful|dismissive|abrupt|arrogant|"
     "uncaring|unprofessional|patronis*|patroniz*|condescend*|disrespect*|shout*|snapp*|"
     "judgement*|judgmental|judgemental|stigma|sarcas*|belittl*|cold|heartless|unkind|"
     "impatient|grumpy|moody|bad tempered|eye roll*|sigh*"},
    {"listening", "listening and being understood", 1,
     "listen*|listened|heard|understood|took me seriously|taken seriously|"
     "take me seriously|seriously|involv*|my views|my opinion*|my wishes|included|empath*|"
     "my concerns|concerns",
     "staff not listening=not listen*|didn't listen|did not listen|never listen*|don't listen|"
     "not heard|not taken seriously|didn't take|did not take|ignored|dismiss*|brushed off|"
     "wouldn't listen|fobbed off|not understood|didn't understand"},
    {"information", "information and explanations", 1,
     "explain*|explanation*|inform*|information|info|updat*|kept informed|kept up to date|"
     "answer* ~3 question*|question* ~3 answer*|clear|clarity|leaflet*|advice|advised|"
     "what was happening|what to expect|what was going on|told me|told us|told what|"
     "told why|in the dark|instructions|communication|communicate*|communicating",
     "not kept informed=not explain*|not told|wasn't told|weren't told|no one told|"
     "nobody told|no information|not informed|lack of information|not updated|no update*|"
     "in the dark|didn't know what|did not know what|confus*|conflicting|mixed messages|"
     "poor communication|lack of communication|no communication|didn't explain|did not explain"},
    {"attention_time", "time and attention from staff", 1,
     "attention|attentive|time with|spend more time|more time|no time|time for me|"
     "took time|take time|taking the time|took the time|neglect*|left alone|"
     "left on my own|left for hours|check* on|checked on|regular check*|observations|obs|"
     "rushed|hurried|in a hurry",
     "not enough time with staff=no time|not enough time|more time|rushed|hurried|neglect*|"
     "left alone|left on my own|left for hours|not checked|nobody checked|no one checked|"
     "never checked|ignored|no attention|lack of attention|more attention"},
    {"staff_continuity", "seeing the same staff", 1,
     "same nurse|same doctor|same person|same staff|same worker|different staff|"
     "different doctor*|different nurse*|different person|different people|different worker*|"
     "continuity|new worker|changed worker*|change of worker|change* ~2 staff|"
     "keep changing|kept changing|staff turnover|turnover|locum*|worker changed|worker left",
     "staff keep changing=different|changing|changed|change of|new worker|turnover|locum*|left"},
    {"staff_knowledge", "staff knowledge and skill", 1,
     "knowledgeable|knowledge|knew what they were doing|competen*|incompeten*|skilled|skill*|"
     "training|trained|untrained|inexperienced|experienced|expertise|expert*|clueless|"
     "didn't know what they|qualified",
     "staff lacked knowledge or skill=incompeten*|inexperienced|untrained|not trained|"
     "clueless|didn't know|did not know|lack of knowledge|no idea|more training|"
     "better training|not qualified"},
    {"examination", "examination and assessment", 1,
     "examin*|thorough*|checked me over|check* me over|checked over|assess* me|"
     "blood pressure|heart rate|temperature taken|observations done|looked at my|"
     "looked me over|checked my",
     "not properly examined=not examin*|didn't examine|did not examine|never examined|"
     "not check*|didn't check|did not check|rushed|missed|quick look|barely looked"},
    {"reassurance", "reassurance and feeling at ease", 1,
     "reassur*|at ease|put me at ease|anxious|anxiety|nervous|scared|frightened|"
     "worried|worry|panic*|distress*|comforted|comforting|soothing",
     "not reassured=still worried|more anxious|scared|frightened|panic*|distress*|no reassurance|"
     "uncomfortable|not comfortable"},
    {"staff_introductions", "staff introducing themselves", 2,
     "name badge*|introduc*|uniform*|who was who|their name*|hello my name|badges|lanyard*",
     "staff not introducing themselves=didn't introduce|did not introduce|no introduction*|"
     "never introduced|not introduce*|no name|who was who|didn't know who"},
    {"interpreters", "interpreters and language", 2,
     "interpret*|translat*|language|english|sign language|bsl|speak english|first language|"
     "accent*|easy read|large print|braille",
     "no interpreter offered=no interpreter|not offered|couldn't understand|"
     "could not understand|didn't understand|hard to understand|difficult to understand|"
     "accent*|no translation|not in my language"},
    {"accessibility", "disability and access needs", 2,
     "disab*|wheelchair user|autis*|learning disab*|dementia|deaf|blind|hearing impair*|"
     "sight|visually impaired|mobility|ramp*|step free|accessible|accessibility|"
     "reasonable adjustment*|adjustments|adhd|special needs",
     "access needs not met=not accessible|inaccessible|no ramp|no adjustment*|not met|ignored|"
     "couldn't get in|could not get in|no help|not understood|no lift|stairs"},
    {"equality", "fair and equal treatment", 2,
     "discriminat*|racis*|racist|sexis*|sexist|homophob*|transphob*|equal*|equality|divers*|"
     "prejudice*|stereotyp*|gender|religio*|culture|cultural|because of my age|ageis*|"
     "female staff|male staff|female nurse*|male nurse*|same sex",
     "treated unfairly=discriminat*|racis*|racist|sexis*|sexist|homophob*|transphob*|"
     "prejudice*|stereotyp*|unfair*|ageis*|because of my"},
    {"end_of_life", "end of life and bereavement", 2,
     "end of life|palliative|passed away|died|death|bereave*|funeral|dying|last days|"
     "last hours|hospice",
     ""},
    {"maternity", "maternity care", 2,
     "midwi*|labour|labor|birth|baby|babies|pregnan*|antenatal|postnatal|breastfeed*|"
     "breast feed*|delivery suite|labour ward|induction|induced|c section|caesarean|newborn|"
     "maternity|epidural|contractions",
     ""},
    {"children", "care of children", 2,
     "paediatric*|pediatric*|children's ward|childrens ward|play room|playroom|"
     "play specialist*|play leader*|toys|nursery|school nurse*",
     ""},
    {"covid_rules", "Covid rules and restrictions", 2,
     "covid*|coronavirus|corona|pandemic|lockdown*|restrictions|social distanc*|"
     "lateral flow|pcr|isolation|isolating|vaccin*",
     "Covid rules too strict=restrict*|not allowed|wasn't allowed|weren't allowed|alone|"
     "couldn't visit|could not visit|no visitors|strict"},
    {"records_plans", "care plans and records", 2,
     "care plan*|my notes|notes|records|record|medical history|history|documentation|"
     "paperwork|forms|form|handover*|hand over|details|data",
     "records wrong or not shared=wrong|lost|missing|not shared|not passed on|not read|"
     "didn't read|hadn't read|repeat* ~3 story|same story|again and again|incorrect|mistake*|"
     "no record"},
    {"letters", "letters and reminders", 2,
     "letter|letters|email*|e mail*|text message*|texts|text reminder*|reminder*|post|posted",
     "letters late or missing=late|never received|didn't receive|did not receive|"
     "not received|wrong|lost|after the appointment|too late|no letter|never got"},
    {"reception", "reception and front desk", 2,
     "reception*|receptionist*|front desk|check in|checking in|checked in|booking in|"
     "admin staff|administrat*|secretar*",
     "reception unhelpful=rude|unhelpful|ignored|dismissive|abrupt|no one at|nobody at|"
     "unfriendly|wait*"},
    {"organisation", "organisation and admin", 1,
     "organis*|organiz*|disorganis*|disorganiz*|admin|inefficien*|chaotic|chaos|"
     "bureaucra*|mix up|mixup|mix-up|lost my|lost the|system|systems|process|processes|"
     "red tape|joined up|left hand",
     "disorganised care=disorganis*|disorganiz*|chaotic|chaos|mix up|mixup|lost|inefficien*|"
     "shambles|bureaucra*|not joined up|left hand|poorly organised|badly organised"},
    {"waiting_times", "waiting times", 1,
     "wait|waits|waited|waiting|waiting time*|wait time*|queue*|delay*|delayed|"
     "took ages|took a long time|long time|slow|sooner|quicker|faster|speed*|quick|quickly|"
     "prompt|promptly|timely|on time|punctual*|late|lateness|hours|hour|minutes|"
     "straight away|straightaway|immediately|efficien*|swift*",
     "long waits=long|hours|hour|ages|too long|slow|forever|delay*|late|sooner|quicker|"
     "faster|kept waiting|still waiting|waited|waiting"},
    {"costs_funding", "funding and resources", 2,
     "fund*|funding|money|budget*|resourc*|cuts|investment|underfund*|government|"
     "more money|cost|costs|pay rise|wages|salary|salaries",
     ""},
    // Set by read(), never by its terms: a complaint about the whole experience that names
    // nothing ("awful", "terrible service").
    {kOverallSubject, "care as a whole", 1, "",
     "unhappy with care overall=poor|bad|awful|terrible|horrendous|horrible|dreadful|appalling|"
     "disgusting|shocking|rubbish|useless|pathetic|disappoint*|unhappy|unacceptable|worst|"
     "worse|shambles|joke|disgrace*|ridiculous|frustrat*|annoyed|angry|upset|substandard"},
};
// clang-format on
const std::size_t kSubjectTextCount = sizeof(kSubjectTexts) / sizeof(kSubjectTexts[0]);

const char* const kGeneralWords =
    // praise and thanks
    "excellent good great lovely brilliant brill amazing amazingly fantastic wonderful "
    "perfect superb outstanding exceptional exceptionally fab fabulous fine ok okay alright "
    "happy pleased satisfied grateful gratitude thank thanks thankyou cheers appreciate "
    "appreciated appreciative nice best better awesome marvellous faultless flawless impressed "
    "impressive pleasant pleasure positive incredible incredibly extremely absolutely totally "
    "completely definitely truly highly super lucky blessed glory credit praise "
    "first class top notch 10 10/10 ten star stars superstars heroes hero angels angel gem "
    "gems well done "
    // how people were treated, in general words
    "kind kindness friendly helpful help helped helping helps support supported supportive "
    "supporting polite courteous professional professionally professionalism respectful "
    "compassionate compassion considerate cheerful gentle caring cared care dedicated "
    "dedication hardworking hard working lovely nice warm welcoming welcomed approachable "
    "efficient efficiently brilliant treated treatment treat service services job work worked "
    "working looked after look after looking after nothing too much trouble "
    // people
    "staff team teams everyone everybody nurse nurses nursing doctor doctors dr drs paramedic "
    "paramedics crew crews medic medics people person persons ambulance ambulances worker "
    "workers member members lady ladies man men gentleman guy guys girls boys all of you "
    "husband wife partner mum mother mom mam dad father son daughter child children kids baby "
    "family relative relatives grandson granddaughter grandmother grandfather nan nana grandma "
    "grandad grandpa sister brother friend friends parents parent myself me "
    // places and the service in general
    "hospital hospitals ward wards unit department dept nhs trust place here there centre "
    "everything all whole overall experience time today day days visit stay "
    // nothing to say, nothing to improve
    "nothing none nil n a na no not sure know don't dont think can't cant cannot anything "
    "improve improved improvement improvements change changes complaint complaints complain "
    "fault faults criticism suggest suggestions suggestion comment comments add answer "
    "answered did didn't didnt keep up doing carry continue yes maybe perhaps honestly "
    "personally else whatsoever thing things sorry bettered fault faults find found mind "
    "comes occasion occasions view opinion concerned fair far changing improving suggest "
    "praise highly enough recommend recommended recommending would "
    // fillers
    "was were is are be been made make makes feel felt feeling got get given gave went go "
    "came come said say seemed seem seems looked look thought lot lots bit really so very "
    "just quite much always also still again every each ever from start finish beginning end";

const char* const kEvaluativeWords =
    "excellent good great lovely brilliant brill amazing fantastic wonderful perfect superb "
    "outstanding exceptional fab fabulous fine ok okay alright happy pleased satisfied "
    "grateful nice best better awesome marvellous faultless impressed impressive pleasant "
    "positive incredible friendly helpful kind caring polite courteous professional "
    "respectful compassionate considerate cheerful gentle supportive efficient warm welcoming "
    "approachable attentive thoughtful understanding reassuring brilliant "
    "poor bad awful terrible horrendous horrible dreadful appalling disgusting shocking "
    "rubbish useless pathetic disappointing disappointed unhappy unacceptable worst worse "
    "shambles disgrace disgraceful ridiculous frustrating frustrated annoyed angry upset "
    "substandard mediocre average adequate satisfactory acceptable lacking inadequate "
    "rude unhelpful unfriendly uncaring unprofessional excellently amazingly extremely "
    "absolutely totally really very quite highly thank thanks";

const char* const kNonLabelWords =
    "know knew known told tell telling said say saying think thought felt feel feeling maybe "
    "perhaps beyond change changed changes trouble home leave left get got getting give gave "
    "given take took taken make made go went gone going come came coming seem seemed need "
    "needed needs want wanted try tried trying like liked able unable sure thing things way "
    "ways lot lots bit time times day days everything anything something nothing someone "
    "everyone people person use used put keep kept let help helped also still even just again "
    "actually though although however whole part etc ok yes no not asked ask looked look "
    "seen see saw found find done doing did does do having had has have being been were was "
    "is are am will would could should can may might must shall said also very much many "
    "more less most least enough well back first last next other another same different "
    "new old long short high low big small little great good bad right wrong sure whole "
    "overall experience service services care staff team hospital patient patients answer "
    "answered everybody nobody anyone somebody lady man gentleman guy daily weekly monthly "
    "nightly usually often sometimes";

const char* const kNothingPatterns =
    "nothing|none|nil|n a|na|no|nope|not sure|unsure|don't know|dont know|do not know|"
    "no idea|can't think|cant think|cannot think|could not think|couldn't think|"
    "no improvement*|no change*|nothing to improve|nothing to add|nothing else|"
    "did not answer|didn't answer|no answer|not answered|no comment*|no complaints|"
    "not applicable|keep up|keep doing|carry on|continue|nothing really|not really|"
    "all good|all fine|all ok|no problem*|no issues|nothing at all|not a thing|very little|"
    "not a lot|you couldn't|couldn't do better|can't do better|nothing better|not much|"
    "everything|all of it|all|couldn't fault|could not fault|can't fault|cannot fault|"
    "couldn't find ~2 fault*|could not find ~2 fault*|can't find ~2 fault*|no fault*|"
    "not have done better|couldn't have done better|could not have been better|"
    "couldn't have been better|nothing could be|nothing comes to mind|nothing springs to mind|"
    "not think of any*|t think of any*|be bettered|nothing to complain|nothing to suggest|"
    "no suggestions|nothing you could|nothing you need|nothing i would|nothing i can|"
    "don't think ~3 better|dont think ~3 better|not a thing|keep it up|more of the same|"
    "without changing|as it is|as they are|stay the same|nothing more|nothing different|"
    "nothing further";

const CategoryText kCategoryTexts[] = {
    {"Not assigned", ""},
    {"Organisation & efficiency", "organisation and admin"},
    {"Funding & use of financial resources", "funding and resources"},
    {"Staff manner & personal attributes", "staff attitude"},
    {"Number & deployment of staff", "staffing levels"},
    {"Staff responsiveness", "staff responsiveness"},
    {"Staff continuity", "seeing the same staff"},
    {"Competence & training", "staff knowledge and skill"},
    {"Unspecified communication", "information and explanations"},
    {"Staff listening, understanding & involving patients", "listening and being understood"},
    {"Information directly from staff during care", "information and explanations"},
    {"Information provision & guidance", "information and explanations"},
    {"Being kept informed, clarity & consistency of information", "information and explanations"},
    {"Contacting services", "getting through on the phone"},
    {"Appointment arrangements", "appointments and bookings"},
    {"Appointment method", "face-to-face appointments"},
    {"Timeliness of care", "waiting times"},
    {"Pain management", "pain relief"},
    {"Diagnosis & triage", "tests, scans and results"},
    {"Referals & continuity of care", "referrals and waiting lists"},
    {"Discharge", "discharge from hospital"},
    {"Care plans", "care plans and records"},
    {"Patient records", "care plans and records"},
    {"Cleanliness, tidiness & infection control", "ward cleanliness"},
    {"Provision of medical equipment", "medical equipment"},
    {"Service location", "finding the way and location"},
    {"Transport to/ from services", "patient transport"},
    {"Parking", "car parking"},
    {"Electronic entertainment", "TV, wifi and phone charging"},
    {"Feeling safe", "feeling safe"},
    {"Patient appearance & grooming", "help with washing and dressing"},
    {"Mental Health Act", "Mental Health Act and sections"},
    {"Equality, Diversity & Inclusion", "fair and equal treatment"},
    {"Admission", "admission to a ward"},
    {"Safeguarding concerns?", "feeling safe"},
    {"Labelling not possible", ""},
    {"Environment & Facilities", "ward environment"},
    {"Supplying & understanding medication", "medicines and prescriptions"},
    {"Activities & access to fresh air", "activities and things to do"},
    {"Food & drink provision & facilities", "food and drink"},
    {"Sensory experience", "noise at night"},
    {"Impact of treatment/ care", "results of care"},
    {"Psychological therapy arrangements", "therapy and group sessions"},
    {"Existence of services", "services available"},
    {"Choice of services", "choice of services"},
    {"Out of hours support (community services)", "crisis and out-of-hours support"},
    {"Learning organisation", "learning from feedback"},
    {"Interaction with family/ carers", "support for families and carers"},
    {"Negative experience & dissatisfaction", ""},
    {"Positive experience & gratitude", ""},
};
const std::size_t kCategoryTextCount = sizeof(kCategoryTexts) / sizeof(kCategoryTexts[0]);

const SubjectCategoryText kSubjectCategories[] = {
    {"call_bells", "Staff responsiveness"},
    {"hand_hygiene", "Cleanliness, tidiness & infection control"},
    {"masks_ppe", "Cleanliness, tidiness & infection control"},
    {"cleanliness", "Cleanliness, tidiness & infection control"},
    {"toilets", "Cleanliness, tidiness & infection control"},
    {"noise_night", "Sensory experience"},
    {"temperature", "Environment & Facilities"},
    {"food", "Food & drink provision & facilities"},
    {"parking", "Parking"},
    {"visiting", "Interaction with family/ carers"},
    {"discharge", "Discharge"},
    {"medicines", "Supplying & understanding medication"},
    {"pain", "Pain management"},
    {"personal_care", "Patient appearance & grooming"},
    {"bed_comfort", "Environment & Facilities"},
    {"ward_environment", "Environment & Facilities"},
    {"waiting_area", "Environment & Facilities"},
    {"tv_wifi", "Electronic entertainment"},
    {"equipment", "Provision of medical equipment"},
    {"signage_location", "Service location"},
    {"ambulance_response", "Timeliness of care"},
    {"patient_transport", "Transport to/ from services"},
    {"call_backs", "Contacting services"},
    {"phone_lines", "Contacting services"},
    {"ae_waits", "Timeliness of care"},
    {"appointments", "Appointment arrangements"},
    {"referrals", "Referals & continuity of care"},
    {"tests_results", "Diagnosis & triage"},
    {"admission", "Admission"},
    {"follow_up", "Referals & continuity of care"},
    {"therapy_groups", "Psychological therapy arrangements"},
    {"activities", "Activities & access to fresh air"},
    {"mental_health_act", "Mental Health Act"},
    {"face_to_face", "Appointment method"},
    {"crisis_support", "Out of hours support (community services)"},
    {"carers_support", "Interaction with family/ carers"},
    {"crisis_safety", "Feeling safe"},
    {"staffing_levels", "Number & deployment of staff"},
    {"staff_attitude", "Staff manner & personal attributes"},
    {"listening", "Staff listening, understanding & involving patients"},
    {"information", "Being kept informed, clarity & consistency of information"},
    {"attention_time", "Staff responsiveness"},
    {"staff_continuity", "Staff continuity"},
    {"staff_knowledge", "Competence & training"},
    {"examination", "Diagnosis & triage"},
    {"interpreters", "Equality, Diversity & Inclusion"},
    {"accessibility", "Equality, Diversity & Inclusion"},
    {"equality", "Equality, Diversity & Inclusion"},
    {"records_plans", "Care plans"},
    {"organisation", "Organisation & efficiency"},
    {"waiting_times", "Timeliness of care"},
    {"costs_funding", "Funding & use of financial resources"},
};
const std::size_t kSubjectCategoryCount =
    sizeof(kSubjectCategories) / sizeof(kSubjectCategories[0]);

} // namespace wardvoice::themes
