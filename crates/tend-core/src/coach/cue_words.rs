//! Word classes for the cue rules in `cues.rs`, gathered by kind from the ways people put a
//! partner on guard: phrases (contractions are spelled out when compiled, so "don't" also hears
//! "dont"; `*` is any one word), character words aimed at "you", and the warm words that make an
//! absolute kind ("you always know what to say"). Each list is one string, entries parted by commas.

/// Brushing the partner or the talk aside.
pub(crate) const DISMISSAL: &str = "\
    i don't care, i do not care, idc, whatevs, drop it, don't start, so what, suit yourself, deal with it,
    get over it, i'm not listening, not listening, cool story, i can't be bothered, not bothered,
    can't be bothered, i could care less, couldn't care less, don't have time for this, no time for this,
    don't want to talk, nothing to say to you, stopped listening, muting, not having this conversation,
    not talking about this, not discussing, better things to do, not a big deal, no big deal, stop going on,
    it is what it is, move on already, not now, why should i care, i should care, heard it all before,
    you'll live, big deal out of nothing, your point being, not that deep, forget i said, forget it,
    are we done, can we not, stop texting me, your problem, relax it's nothing, not a real problem, chill out,
    meh, you're overreacting, you're too sensitive, you're so sensitive, doesn't matter go back, uh huh,
    yeah yeah, sure sure, don't care, who cares, get a grip, not my problem, whatever you say, if you say so,
    talk to the hand, not interested, i'm not interested, here we go again, not this again, oh here we go,
    give it a rest, leave me alone, get over yourself, stop whining, stop moaning, stop complaining,
    stop nagging, quit whining, quit complaining, spare me, tell someone who cares, boo hoo, cry me a river,
    big whoop, who asked, nobody asked, didn't ask, not my concern, not my issue, sort it out yourself,
    figure it out yourself, do whatever you want, i give up, i'm done talking, end of discussion, end of story,
    conversation over, we're not doing this, not doing this, not getting into this, not again, can't be arsed,
    cba, can't be asked, ok boomer, yeah right, not bothered either way, it's not that serious,
    not that serious, you're making a fuss, making a fuss, fuss about nothing, fuss over nothing,
    drama over nothing, move on, let it go already, over it, i'm over it, not important,
    it doesn't matter what you think, doesn't matter what you think, who cares what you think,
    don't care what you think, go back to your game, go back to your phone, go back to your show,
    go back to your programme, not worth discussing, not worth talking about, not worth arguing about,
    don't have time for your, haven't got the energy for, mountain out of a molehill, making it weird,
    make a thing of it, can't deal with you, don't need to explain myself, said my piece, off your chest,
    skip the drama, for your drama, your moods, putting my headphones on, ignore it later";

/// Dismissive replies that are harsh only when they stand alone as a sentence ("And?", "k.").
pub(crate) const ALONE: &str = "\
    and, k, meh, fine, whatever, whatevs, idc, choose, chill, now, right now, enough, get out, oh please,
    why can't you, why can't you be, so predictable, typical, uh huh sure, and so, sure sure, grow up, shut up,
    again, are you done, is that all, yawn, riveting, fascinating, spare me, save it, yeah right, big whoop,
    who asked, whatever you say, if you say so, miracle, a miracle, classic, figures, shocker,
    surprise surprise, wow just wow, unbelievable, noted, ugh, eww, ew, yuck, go away, smh, wtf, seriously,
    so what, and what, cool story, cool story bro, oh really, really now, okay and, ok and, sure jan, mhm,
    k bye, kk bye, bye then, boring, not now, stop, stop it, enough already, that's enough, enough is enough,
    ffs, oh my god, omg, jesus, for god's sake, give me strength, unreal, priceless, lovely, great, brilliant,
    perfect, fantastic, wonderful, just great, just perfect, oh great, oh perfect, how lovely, how nice, nice,
    doesn't matter, it's fine whatever, genius, ok genius, einstein, sherlock, okay genius, just wow,
    so, wtv, no comment, blah blah, blah blah blah, good for you, shrug, 🤷, moving on, no moving on";

/// Defending by counter-attack.
pub(crate) const DEFENSIVE: &str = "\
    not my fault, not my problem, not my job, not my mistake, wasn't me, was not me, it's not on me,
    why is this on me, how is that on me, how is it my fault, so now it's my fault, don't put this on me,
    don't look at me, you're one to talk, you are one to talk, look who's talking, you're no saint,
    and you're perfect, as perfect as you, the problem isn't me, the problem is you, i'm not the problem,
    except you, except for you, than your, than my, heading the same way, at least i'm not, at least i,
    it's not like you, you just didn't see, you just don't notice, you didn't ask, you should have said,
    if you'd told me, if you'd asked, what did you expect, what else do you want, i never said that,
    completely untrue, that's not true, not true, i do plenty, i do loads, excuse me, sorry you feel that way,
    sorry if you were offended, you're remembering it wrong, twisting my words, you're early, you were late,
    let's not pretend, don't act like, don't act surprised, you made it sound, i can't win, you were there too,
    ask yourself, not that you ever, maybe if you, well maybe if, you were the one, it was you, blame yourself,
    don't start with me, i had my reasons, what about the time, you didn't give me a chance, you started it,
    your fault, i didn't do anything, i did nothing wrong, i haven't done anything, what did i do,
    what have i done now, it's not like i, you never told me, you didn't tell me, how was i supposed to know,
    how am i supposed to know, how am i meant to know, how was i meant to know, i'm not a mind reader,
    mind reader, don't blame me, don't blame this on me, stop blaming me, always blaming me, always my fault,
    it's always my fault, everything is my fault, you always blame, you do it too, you do the same,
    you did the same, you're no better, pot calling the kettle, pot kettle, says you, look in the mirror,
    what about when you, that's rich, coming from you, you can talk, like you're any better,
    as if you're any better, at least i don't, i had no choice, i said i'm sorry, i already said sorry,
    i've said sorry, what more do you want, what do you want from me, nothing i do is ever good enough,
    never good enough, can't do anything right, there's no pleasing you, no pleasing you, impossible to please,
    you're never happy, you're never satisfied, it wasn't that bad, you're exaggerating, exaggerating,
    that's not what happened, that's not what i said, i didn't say that, putting words in my mouth,
    words in my mouth, you misunderstood, you're overthinking, you're being paranoid, imagining things,
    that never happened, making things up, you're making it up, you started this, you brought it up,
    you're the one who started, i was busy, not on me, isn't on me, wasn't my fault, it wasn't my fault,
    not my responsibility, not my fault you, i'm not the one who, i am not the one who, i wasn't the one who,
    i'm not the one that, you didn't remind me, so it's my fault, it's my fault now, oh so it's,
    i'm allowed, i am allowed, cut me some slack, stop attacking me, what was i supposed to do,
    what am i supposed to do, what do you expect, what do you want me to say, says the person who,
    says the one who, i was going to do it, why is it my responsibility, why is it my job, i can't help it if,
    i don't see you doing, i'm not going to apologise, i'm not going to apologize,
    i never even touched, didn't i";

/// Blame and martyrdom.
pub(crate) const BLAME: &str = "\
    because of you, thanks to you, thanks to your, cos of you, cause of you, bc of you, your fault,
    you made me, you made us, look what you, you're the reason, you are the reason, you're why,
    the only reason, is why we, you did this, you broke, you ruined, you wasted, you wound me up,
    drive me up the wall, drives me up the wall, you drive me, i do all the, i do everything, carry everything,
    i'll just do, i'll just carry, i'll just cancel, you make me so, you make everything, i'll do it myself,
    do it myself, the only adult, i'm the one who, always me, alone again, get nothing back,
    after everything i, after all i, i sacrifice, i carry the, mental load, hold this whole, don't even notice,
    my feelings don't matter, don't mind me, since you won't, because you won't, because you pushed,
    if you'd actually, if you had just, if you just, wouldn't argue if, wouldn't yell if, picked up that,
    falling apart, ruined it, your choices, your spending, your faffing, made us leave, while you relax,
    you go rest, thanks a lot, live with your, guess i'm, guess who's, of course i'm, ofc i'm, i guess i'll,
    it's your fault, all your fault, you caused, you started, thanks for nothing, thanks for ruining,
    because of your, due to you, i blame you, you're to blame, you are to blame, look what you've done,
    look at what you've done, see what you did, see what you've done, happy now, are you happy now,
    hope you're happy, i hope you're happy, leave me to do, leave it to me to, i have to do everything,
    i always have to, i'm always the one, why do i always have to, why is it always me, why am i the only,
    no one else, nobody else, nobody helps, no one helps, no one appreciates, nobody appreciates,
    never get a break, alright for some, all right for some, some of us have to, some of us work,
    while you sit, while you lie, while you play, while you watch, you just sit, lift a finger,
    lifting a finger, lifts a finger, i'm not your maid, not your mother, not your mum, not your mom,
    not your slave, not your servant, like a maid, like a servant, like a slave, i'm the only one,
    only one who cares, only one trying, only one making an effort, after all i do, after all i've done,
    all i do for you, everything i do for you, no thanks to you, because you can't, because you couldn't,
    because you didn't, because you never, because you wouldn't, since you didn't, since you can't,
    since you couldn't, if it wasn't for you, if it weren't for you, if you hadn't, fine i'll do it,
    i'll do it then, as usual i'll, muggins here, yours truly, silly me, you've made, you made a mess,
    you don't help, you didn't help, you won't help, i do it all, i do all of it, i'm left to, left me to,
    left me with, you left me, you always leave me, who always has to, i'm the only one who,
    am i the only one who, the only one who ever, guess who has to, and do everything, to do everything,
    come home and do, if you'd been, if you'd listened, if you had listened, if you'd only,
    none of this would have, wouldn't have happened if you, would never have happened if,
    the thanks i get, thanks i get, i gave up my, all i do is, like i always do, the list of things i do,
    list of things i do, my job to fix, my job to clean, i had to cover for you, doing your job, that's on you,
    is on you, entirely on you, all on you, down to you, your doing, put me in this position, pulled your weight,
    pull your weight, didn't happen by itself, won't wash themselves, clean up after you, fix what you break,
    who do you think pays, thanks for embarrassing, thanks for slamming, thanks for waking";

/// Comparing the partner with someone else.
pub(crate) const COMPARISON: &str = "\
    than my ex, like my ex, with my ex, some people's, other couples, other people's, other husbands,
    other wives, other men, other women, everyone else, everyone else's, some people, unlike some, unlike you,
    a real partner, a real man, a real woman, a real husband, a real wife, my friends' partners,
    my friends have, apple doesn't fall, turning into your, becoming your, copy of your, no different from,
    no different to, literally your, exactly what your, same as your, the same as your, and your mother are,
    and your mum are, and your dad are, your brother at least, your sister at least, even your, even the dog,
    even a child, compared to you, than you, like other, why can't you be, why can't you be more,
    as your sister, as your brother, as your mum, as your dad, as your mother, as your father, date my dad,
    date my mum, remind me of, partners who, just saying, funny that, wanted to date, should have stayed with,
    at least my, at least he, at least she, more responsible than, more mature than,
    why can't you be more like, be more like, more like your, like your mother, like your mum, like your mom,
    like your dad, like your father, like your brother, like your sister, just like your, you sound like your,
    you sound just like, you're just like, you are just like, exactly like your, spitting image,
    chip off the old, like father like son, like mother like daughter, runs in the family, runs in your family,
    your whole family, everyone else manages, everyone else can, everybody else, anyone else would,
    any other husband, any other wife, any other partner, any other man, any other woman, any normal person,
    a normal person, normal people, normal couples, other people manage, other people don't, other girlfriends,
    other boyfriends, even a toddler, even a baby, even a monkey, even my mum, even my mom, even my dad,
    even my nan, even my grandma, even the kids, even the cat, at least your, unlike your, unlike my,
    better than you, worse than you, my mates' girlfriends, my mates' boyfriends, my mates' wives,
    my mates' husbands, all my friends', why can't you be like, why aren't you more like, just like him,
    just like her, just like my dad, just like my mum, just like my mother, just like my father,
    acting like my, sound like my, sounds like my,
    as cheap as your, as lazy as your, as bad as your, half your sister's, half your brother's,
    half your dad's, half your mum's, your-dad thing, your-mum thing, your dad thing, your mum thing,
    would have fixed, never had to ask, doesn't have to nag, seem to manage, lots of husbands, lots of wives,
    other husbands, other wives, most husbands, most wives, normal husbands, normal wives, normal families,
    normal couples, adults my age, guys at my work, the guy next door, my last boyfriend, my last girlfriend,
    my last partner, my ex would, and still come home, and still make time";

/// Ultimatums, threats and orders.
pub(crate) const DEMAND: &str = "\
    or i'm, or i am, or i will, or i'll, or don't, or else, last warning, or i do, get out of my,
    you will apologise, you will apologize, you will call, i'm warning you, i am warning you, that's final,
    no excuses, no more excuses, i'm moving out, packing my bags, calling a lawyer, i can't be with you,
    give you one, i swear if, if you really cared, if you cared, if you loved me, if you really loved me,
    or ship out, shape up, it's me or, go live with, you go alone, you will apologise, you will apologize,
    you will call, you're going to fix, you are going to fix, you're not leaving, don't ever, don't bother,
    or im, im going without, going without you, i'm throwing, i'm taking the kids, don't want to hear, stop it,
    or we're done, or we are done, or it's over, or that's it, or don't bother, or don't come,
    or don't come back, or get out, or you're out, or you're sleeping, last chance, final warning,
    this is your last, you have until, you've got until, or we're over, we're over, it's over, this is over,
    we're finished, we are finished, i want a divorce, divorce, i want out, i'm leaving you, i'll leave you,
    i'm going to leave you, done with you, done with this relationship, done trying, don't come back,
    don't come home, don't bother coming, don't you dare, don't you ever, you'd better, you had better,
    i mean it, end of, non-negotiable, not negotiable, not up for discussion, no discussion, no arguments,
    no buts, no ifs, do as i say, do what i say, because i said so, i'm not asking, i'm telling you,
    that's an order, do it now, do it today, do it or, this instant, this minute, before i get home,
    by the time i get home, you will stop, you are not leaving, stop that, stop doing that, shut up, shut it,
    enough is enough, pack your bags, get your stuff, get your things, find somewhere else, changing the locks,
    i'll take the kids, you'll never see, you won't see the kids, you'll regret, you will regret,
    you'll be sorry, you will be sorry, don't push me, don't test me, try me, i dare you, see what happens,
    unless you want, if you do that again, if this happens again, if it happens again, one more time and,
    one more word, say that again and, do that again and, again and i, gtfo, or i'm done, or i am done,
    i'm not doing this anymore, not doing this anymore, can't do this anymore, can't do this any more, i'm out,
    i am out, i'm off, or i walk, i walk, i'll walk, i'm walking, i'm gone, i'll be gone, sleep on the sofa,
    sleep on the couch, sleeping on the sofa, sleeping on the couch, or else i, sort it or, fix it or,
    now or never, i am moving out, or i leave, or i go, or i'm going, or i call, or i throw, or i bin,
    or it goes, or it's going, or they go, or you leave, or you can leave, i'm giving you till,
    i'm giving you until, i am giving you until, giving you till, her or me, him or me, no more chances,
    last time i'm saying, last time i'm asking, last time i'm telling, i've had it, i have had it,
    packing a bag, booking a hotel, out of the house by, sleep in the car, see how long i stay,
    stop trying altogether, don't come crying to me, don't come running to me, not going to keep waiting,
    you've got ten minutes, you have ten minutes, you've got five minutes, you have five minutes,
    keep ignoring me and, keep it up and, carry on like this and, you'll be paying for";

/// Old grievances piled onto today's complaint.
pub(crate) const PILING: &str = "\
    haven't forgotten, have not forgotten, not forgotten, don't think i've forgotten, still remember what,
    still remember when, still remember how, put me through, your junk, remember what you,
    i remember everything, remind you, need i remind, another one for, while we're at it, ever since,
    all the way back, your track record, your history, the time before, after what you did, since the baby,
    first date too, you still owe, still haven't, still not over, forgiven you for, let it go last time,
    like the summer, like the time, remember my, remember greece, now this, next week what,
    let's talk about everything, the thing you said, the thing with your, you know what else, the whole thing,
    should i also mention, better than the one you, you've been like this, you did this on, lost the right,
    don't get to, how many times, this always happens, same thing every time, same old, not the first time,
    this isn't the first time, how many more times, for the hundredth time, hundredth time, millionth time,
    umpteenth time, for the last time, yet again, once again, again and again, over and over, time and again,
    time after time, like always, like last time, just like last time, like every other time, every other time,
    remember when you, remember the time, remember last, you did the same, you did this before,
    you did that before, you did it again, last time you, the last time you, since day one, from day one,
    all these years, never forgave, never forget what you, i'll never forget how you, not to mention,
    and another thing, while we're on the subject, while we're on it, since we're talking,
    don't get me started, let's not forget, let me remind you, the list goes on, i could go on, should i go on,
    shall i go on, lost count, keeping count, keeping score, adding this to the list, another one for the list,
    for the list, on top of that, on top of everything, @last year, @last month, @last christmas, @last summer,
    @last weekend, @last week, @years ago, @months ago, @same as the, @just like the, @since we met,
    @since we got married, @still waiting, @third time, @second time, @fourth time, @again and, still holding,
    i haven't forgotten, never forgotten, you never apologised, you never apologized, you still haven't,
    still never, this is the third time, this is the second time, and what about the, what about the time,
    what about when you, get me started, like what you did, what you did at, what you did in,
    what you did last, what you said at, what you said in, what you said last, like the time you,
    like when you, the same with you, always the same with you, same old you";

/// Contempt, mockery and sarcasm.
pub(crate) const CONTEMPT: &str = "\
    bravo, brilliant absolutely, absolutely brilliant, classic you, use your brain, want a medal, a medal,
    could have done a better, your very important, that'll be the day, here come the waterworks, waterworks,
    act your age, can't even look at you, embarrassed to be seen, look who finally, nice one, einstein,
    not that you'd notice, mark the calendar, oh please, how very, grown up of you, frame the,
    throw you a parade, a parade, smooth move, such an expert, thank you so much for your help really,
    stupid idea, dumbest, stupidest, playing the victim, use your head, using your head, who even raised you,
    raised you, the bare minimum, bare minimum, not exactly a genius, not much of a, not exactly a,
    drama queen, so predictable, predictable, muppet, 🙄, do you even, hurt your feelings, aww did,
    did i interrupt, wow you actually, only took, oh look, for once, of course you did, of course you,
    fantastic decision, ha you, what a surprise, shocker, shock horror, big surprise, must be nice,
    are you stupid, are you deaf, are you blind, get a life, pathetic, what is wrong with you,
    what's the matter with you, something wrong with you, matter with you, wrong with you, how can you be,
    how can someone be, how are you this, can you not do one, one simple thing, are you incapable,
    incapable of, that's what you are, you have no, you've got no, you've no, you got no, wow just wow,
    what a joke, you're a joke, are you kidding me, are you joking, you've got to be kidding,
    you must be joking, give me a break, give me strength, god help, heaven help, for god's sake,
    for fuck's sake, ffs, fml, laughable, surprise surprise, well well well, look who, how original,
    how mature, real mature, very mature, thanks for nothing, thanks a bunch, gee thanks, yeah right,
    like you'd know, like you would know, like you care, like you'd care, as if you care, what would you know,
    you wouldn't know, you wouldn't understand, you'd never understand, you don't get it,
    you just don't get it, you never get it, you'll never get it, think you're so, think you're better,
    who do you think you are, what do you think you're doing, what are you playing at, what is your problem,
    what's your problem, grow a pair, grow some, man up, toughen up, harden up, stop being a baby,
    stop being such a, stop acting like a, stop crying, stop sulking, stop being dramatic, cry baby, crybaby,
    diddums, duh, no shit, newsflash, news flash, earth to, anyone home, nobody home, brain cell, brain cells,
    braincell, half a brain, smart move, real smart, real clever, clever clogs, smartarse, smart arse,
    smartass, know it all, know-it-all, mr perfect, miss perfect, little miss, pity party, poor me,
    shame on you, you should be ashamed, ashamed of you, ashamed of yourself, embarrassed by you,
    you're embarrassing, you embarrass me, you make me sick, makes me sick, i hate you, i hate it when you,
    i hate how you, i hate that you, hate the way you, loathe you, despise you, you repulse, repulsive,
    revolting, vile, sick of the sight, out of my face, get lost, piss off, sod off, bugger off, fuck off,
    f off, screw you, damn you, to hell with, go to hell, drop dead, shut your mouth, shut your face, zip it,
    ugh you, 😒, 🤦, 💅, 🥱, wtf is wrong, stfu, what is wrong with you people, typical you, typical of you,
    so typical, how typical, typical man, typical woman, a miracle you, it's a miracle you, is your brain,
    your brain switched, nice one genius, well done genius, genius here, sherlock, no kidding sherlock,
    captain obvious, slow clap, round of applause, give you a medal, give yourself a medal, gold star,
    a gold star, want a gold star, want a cookie, want a prize, well done you, aren't you clever,
    aren't you special, how nice for you, lucky you, how brave, you poor thing, poor baby, oh you poor,
    gross you, so gross, you're gross, you are gross,
    nice of you to, cute that you, adorable that you, that you think that counts, must be so proud,
    i'm honoured, i'm honored, what could go wrong, news to you, grace us with, how will the world cope,
    invaluable contribution, barely stand to look,
    you think you're funny, that's adorable, adorable you think, lol you think, i forgot you're perfect,
    good luck with that, almost impressive, what a performance, laughing stock, the great provider,
    proud of yourself for, imagine being this proud, has spoken, too heavy for you, big man";

/// Character words: harsh after "you are (so/such a/a bit of a)", or as "[word]. that's what you are".
pub(crate) const CHARACTER: &str = "\
    annoying, selfish, lazy, cold, flake, flaky, absorbed, narcissist, snob, workaholic, addicted, stunted,
    exhausting, insensitive, negative, tight, pushover, sneaky, dishonest, defensive, disorganised,
    disorganized, incapable, thoughtless, clueless, ungrateful, hopeless, useless, childish, immature, spoiled,
    spoilt, stubborn, controlling, needy, clingy, jealous, paranoid, rude, mean, nasty, cruel, arrogant, lazy,
    boring, dramatic, hysterical, crazy, mental, psycho, unreliable, irresponsible, inconsiderate, careless,
    selfish, manipulative, toxic, difficult, impossible, unbearable, insufferable, vain, shallow, cheap,
    stingy, greedy, messy, filthy, gross, disgusting, embarrassing, weak, spineless, coward, liar, cheat, slob,
    loser, idiot, moron, joke, mess, nightmare, baby, child, brat, bully, hypocrite, martyr, victim, drama,
    bad, terrible, awful, horrible, worst, stupid, dumb, thick, slow, dense, ignorant, bitter, petty, grumpy,
    moody, miserable, sulky, whiny, whinging, nagging, nag, judgemental, judgmental, critical, condescending,
    patronising, patronizing, passive, aggressive, fake, untrustworthy, unfaithful, heartless, useless,
    incompetent, clumsy, forgetful, obsessed, obsessive, uptight, neurotic, entitled, lame, pig, slob,
    tightwad, freeloader, leech, parasite, waste, self-centred, centred, centered, egotistical, egocentric,
    callous, tactless, brainless, gutless, worthless, feckless, idle, sloppy, scruffy, smelly, ugly, vile,
    creepy, sleazy, sly, deceitful, lying, shady, fickle, bossy, pushy, possessive, overbearing, domineering,
    smug, snobby, snobbish, pompous, pretentious, obnoxious, infuriating, irritating, exasperating, tiresome,
    tedious, dull, weird, psychotic, unhinged, irrational, unreasonable, overdramatic, melodramatic, touchy,
    prickly, stroppy, snappy, violent, intimidating, cocky, minded, headed, faced, fisted, freak, prat, twat,
    git, tosser, wanker, dickhead, dick, arse, ass, asshole, arsehole, jerk, douche, douchebag, clown, donkey,
    numpty, pillock, plonker, div, wally, dimwit, halfwit, nitwit, imbecile, cretin, fool, buffoon, bitch, cow,
    manchild, princess, diva, snowflake, lightweight, failure, disappointment, embarrassment, burden, letdown,
    doormat, wimp, sheep, nutter, lunatic, maniac, weirdo, creep, pervert, sponge, scrounger, cheapskate,
    miser, slacker, deadbeat, bum, rubbish, pathetic, ridiculous, delusional, dim, gormless, vacant, mardy,
    distant, closed, secretive, cagey, evasive, shifty, hostile, resentful, spiteful, vindictive, reckless,
    inept, hypocritical, two-faced, sexist, racist, misogynist, chauvinist, animal, disgrace";

/// Warm words: an absolute in a sentence with one of these (and no harsh cue) is praise.
pub(crate) const WARM: &str = "\
    know, remember, remembers, smell, amazing, gorgeous, best, lovely, love, adorable, effort, thank, thanks,
    magical, calm, adventure, first, nail, manage, lifts, heart, melts, beautiful, proud, kind, sweet,
    wonderful, happy, laugh, smile, safe, grateful, matters, notice, glad, great, fantastic, perfect, lucky,
    special, cute, funny, gentle, patient, generous, helpful, support, supportive, cosy, cozy, warm, favourite,
    favorite, 💛, ❤, ❤️, 😍, 🥰, appreciate, miss, thoughtful, brave, clever, smart, loves, adore, adores";

/// After "you never": verbs whose absence is praise ("you never judge me").
pub(crate) const NEVER_KIND: &str = "\
    let, complain, judge, give, miss, talk, fail, hurt, lie, shout, yell, criticise, criticize, lose, mind,
    cease, moan, nag, been, have, to, forget";

/// Openings of a generalisation about the partner ("all you ever do is …").
pub(crate) const SWEEPING: &str = "\
    all you, everything i, every single thing, not a single, a single thing, not once, not one single,
    not one thing, nothing i do, nothing i say, nothing is ever, nothing's ever, never once, each and every,
    without fail, like clockwork, no one ever, nobody ever, never ever, always always, every single day,
    all day every day, every bloody time, every damn time, every flipping time, every freaking time";

/// Deeds that wreck something, blamed on "you" ("you've wasted my Saturday").
pub(crate) const BLAME_VERBS: &str = "\
    ruined, ruin, ruins, wrecked, wreck, wasted, waste, broke, destroyed, destroy, spoiled, spoilt, spoil,
    embarrassed, humiliated, humiliate, betrayed, abandoned, ditched, screwed, messed, blew, blown, sabotaged,
    ignored, ignore, ignores";

/// Someone the partner may be measured against, as the subject of a sentence.
pub(crate) const OTHERS: &str = "\
    sister, brother, mum, mom, mother, dad, father, ex, neighbours, neighbors, friends, everyone, colleagues,
    boss, wife, husband, boyfriend, girlfriend, partner, partners, mate, mates, friend, friend's, colleague,
    cousin, uncle, aunt, grandad, grandma, nan, parents, kids, son, daughter, neighbour, neighbor, people,
    guys, men, women, husbands, wives, boyfriends, girlfriends, dads, mums, moms, mothers, fathers, best";

/// What others "manage" or "actually" do, said to sting ("our neighbours manage to …").
pub(crate) const OTHERS_DO: &str = "\
    manage, manages, managed, actually, would, at, never, always, remembers, remembered, cooks, helps, was,
    had, used, text, pays, cleans, plans, takes, does, doesn't, knows, listens, texts, calls, bothers, buys,
    brings, treats, spoils, surprises, earns, works, gets, understands, appreciates, notices, makes, didn't,
    wouldn't, even, do, don't, bother, remember, help, cook, clean, listen, call, plan, take, buy, bring,
    treat, earn, work, get, understand, appreciate, notice, make";

/// After "your …": a verdict on something of the partner's ("your attitude stinks").
pub(crate) const VERDICTS: &str = "\
    stinks, sucks, inedible, pathetic, embarrassing, rubbish, crap, shit, garbage, trash, awful, terrible,
    disgusting, laughable, useless, hopeless, ridiculous, disaster, nightmare, joke, mess, appalling,
    atrocious, dreadful, a joke";

/// Words that make a sentence warm enough that a cue in it is affection or thanks.
pub(crate) const WARM_STRONG: &str = "love, laugh, smile, proud, grateful, appreciate, lovely, amazing, 💛, ❤, 🥰, 😍";

/// Words that may stand between "you are" and a character word ("you're such a bloody …").
pub(crate) const FILLERS: &str = "\
    so, such, a, an, bit, of, really, incredibly, the, most, emotionally, too, very, literally, being, acting,
    way, kind, sort, just, always, totally, completely, absolutely, honestly, seriously, utterly, quite,
    pretty, bloody, fucking, self, damn, little, big, total, complete, real, been, getting, becoming, one,
    biggest, and, two, narrow, small, closed, close, bull, short, passive, control, stuck, this, that,
    absolute, right, proper, massive, utter, even, more, than, ever";

/// Verbs that open a bare order ("Get off your phone right now.").
pub(crate) const IMPERATIVES: &str = "\
    get, clean, put, move, stop, do, come, go, answer, call, pick, turn, take, give, tell, fix, apologise,
    apologize, sort, tidy, pay, switch, shut, ring, text";
