"""Coaching for what the seeds say and the first texts left out (0004): a tip of its own for
every stage and customer type (seed 001: every customer is different; 000, 002, 004), the
calming steps for an upset customer (seed 003 §4, with §2's first reception), different advice
when time or when expense concerns the customer most (001), question prompts on the phone
(001: no body language to read), and the four steps of taking in a complaint (003 §3) for the
complaints' intake page, with the calming steps beside them.

Only missing rows are added. Going back removes the situational and intake tips (the earlier
schema cannot tell them from the rest) and keeps the others, which a manager may have edited."""

from django.db import migrations, models

WHEN_CHOICES = [
    ("always", "Always"),
    ("upset", "The customer is upset"),
    ("time_first", "Time concerns them most"),
    ("expense_first", "Expense concerns them most"),
    ("phone", "On the phone"),
]
PLACES = [
    ("greet", "Greet"),
    ("know_need", "Know the need"),
    ("confirm", "Confirm"),
    ("help", "Help"),
    ("keep", "Keep"),
    ("complaint_intake", "Taking in a complaint"),
]

# The five calming steps of seed 003 §4, shown wherever an upset customer is met.
CALMING = [
    ("do", 10,
     ("Listen fully: let them get the anger out.",
      "Calm yourself and listen to everything the customer says. Once the anger is out it "
      "lessens; listen between the lines for the real problem and what they really want, and "
      "show that you want to work it out with them."),
     ("充分倾听：让客户一吐为快。",
      "静下心来充分倾听客户的言辞。客户把愤怒说出来后，愤怒会有所减轻；在字里行间寻找问题的实质"
      "和客户的真实意图，并表现出与客户合作的态度。")),
    ("do", 20,
     ("Sympathise and show you understand.",
      "First show that you understand how they feel: face to face with your eyes, a sincere "
      "and serious face and a nod; on the phone with your tone, volume and pace. Be sincere, "
      "or it sounds like brushing them off and makes them angrier."),
     ("表示同情和理解。",
      "首先在感情上对客户表示理解和支持：面谈时用眼神、诚恳认真的表情和点头等身体语言；"
      "电话中通过语调、音量和抑扬来表达。态度一定要诚恳，否则会被理解为敷衍，反而加深客户的愤怒。")),
    ("do", 30,
     ("Agree on the problem itself.",
      "However the anger shows, what matters is solving the problem: grasp what it really is "
      "and agree on it with the customer, in your own words. That first agreement puts the "
      "talk on the track of working together."),
     ("就问题本身达成一致。",
      "无论客户愤怒的表现如何，关键在于解决问题：把握问题的实质，以自己的理解与客户就问题本身"
      "达成一致。这是合作的第一步，使谈话一开始就步入合作与共识的轨道。")),
    ("say", 40,
     ("Apologise at once, without admitting fault: \u201cI\u2019m sorry for the inconvenience.\u201d",
      "Once the problem is clear, apologise straight away, even before it is settled who is "
      "responsible, but never so that the customer takes it as the shop admitting it is all "
      "our fault: \u201cI\u2019m sorry for the inconvenience\u201d, \u201cI\u2019m very sorry "
      "for the trouble this has caused you.\u201d"),
     ("立刻道歉，但不承认全部责任：“让您不方便，对不起。”",
      "明确问题后马上道歉；即使责任还不明确，也要先向客户表示歉意，但绝不可让客户误会企业已完全"
      "承认是自己的错误。例如：“让您不方便，对不起”“给您添了麻烦，非常抱歉”。")),
    ("say", 50,
     ("Find common ground: \u201cAnyone would be upset about this.\u201d",
      "Disagreement feeds a dispute; agreement calms it. Agree on the problem itself, on a "
      "general principle (\u201cAnyone would be upset about this\u201d) and on their right to "
      "say so: \u201cYou are very welcome to tell us; that is exactly what we are here for. "
      "Please sit down and take your time.\u201d"),
     ("找到一致点：“这事搁到谁头上都会感到愤怒的。”",
      "分歧是纠纷的源泉，意见一致时很少争吵。可以就问题本身、就一般原则达成共识（“这事搁到谁头上"
      "都会感到愤怒的”），并确认客户表达意见的权利：“是的，十分欢迎您向企业提出意见，我们正是专门"
      "听取和处理这类问题的，请您坐下来慢慢谈，不要着急。”")),
]

# 003 §2: how an unhappy customer is first received.
RECEIVE = ("do", 5,
    ("Receive them at once, somewhere calm; never argue.",
     "Receive an unhappy customer at once, in a relaxed setting; ask what the problem is and "
     "get as much information as you can. Never belittle them or take a side against them, "
     "and never argue."),
    ("立即在轻松的环境中接待，绝不争论。",
     "立即在一个轻松的环境中接待不满的客户，询问问题所在，尽量获取信息。任何情况下都不能轻视客户"
     "或与客户对立，绝不争论。"))

# stage, customer type ("any": everyone), shown when, kind, order,
# (English short, English long), (Chinese short, Chinese long)
TIPS = [
    # --- Every stage × customer type: the cells the first texts left empty ---
    # greet
    ("greet", "regular", "always", "say", 30,
     ("Regular: greet them by name and welcome them back.",
      "Address them by name and remember their last visit: it shows you value their business."),
     ("老客户：称呼姓名，欢迎再次光临。",
      "称呼客户的姓名，记得他上次来店的情况：这表明您重视他的光顾。")),
    ("greet", "detail_minded", "always", "do", 30,
     ("Detail-minded: be ready with the car's service history.",
      "Being ready means knowing your services and your tools: have the car's service history "
      "open so that you can answer their questions precisely."),
     ("注重细节：准备好车辆的维修记录。",
      "做好准备意味着熟悉服务项目和设备：打开车辆的维修记录，以便准确回答客户的问题。")),
    ("greet", "price_minded", "always", "say", 30,
     ("Price-minded: \u201cYou will have an accurate estimate before we start.\u201d",
      "A warm welcome first; then let them know early that nothing is done before they have "
      "an accurate estimate, and that costs are discussed openly."),
     ("注重价格：“施工前我们会先给您准确的估价。”",
      "先热情问候；再尽早让客户知道：给出准确估价之前不会施工，费用会公开说明。")),
    ("greet", "first_visit", "always", "do", 30,
     ("First visit: the first impression sets the tone.",
      "A warm greeting, a genuine smile and your name; show them where to wait and what happens "
      "next. The first impression shapes their judgment of whether you care."),
     ("首次来店：第一印象决定基调。",
      "热情问候、真诚微笑、自我介绍；告诉客户在哪里等候、接下来的流程。第一印象会影响客户判断"
      "您是否用心为他服务。")),
    ("greet", "fleet", "always", "do", 30,
     ("Fleet: note the vehicle and the fleet contact at once.",
      "Take the plate and the fleet contact's name straight away; a fleet customer expects the "
      "same reliable service on every vehicle."),
     ("车队客户：立即记下车辆和车队联系人。",
      "立即记下车牌和车队联系人的姓名；车队客户期待每一辆车都得到同样可靠的服务。")),
    # know_need
    ("know_need", "regular", "always", "do", 30,
     ("Regular: ask what has changed since the last visit.",
      "Look at the last visit's notes and ask about them, but still restate today's need: do "
      "not assume it is the same as last time."),
     ("老客户：问问上次来店后有什么变化。",
      "查看上次来店的记录并询问；但仍要复述今天的需求，不要想当然地认为和上次一样。")),
    ("know_need", "detail_minded", "always", "do", 30,
     ("Detail-minded: write the facts down as they tell them.",
      "Note the need in their words and ask clarifying questions until nothing is vague; then "
      "read your restatement back to them."),
     ("注重细节：按客户的原话记下事实。",
      "用客户的原话记录需求，追问到没有模糊之处；再把您的复述读给客户听。")),
    ("know_need", "apprehensive", "always", "say", 30,
     ("Apprehensive: ask \u201cWhat information would help you?\u201d",
      "Pay attention to the details and ask what information would help them; explain in plain "
      "words, without jargon."),
     ("心存顾虑：问“哪些信息对您有帮助？”",
      "注意细节，问问客户需要哪些信息；用通俗易懂的话解释，不用专业术语。")),
    ("know_need", "first_visit", "always", "say", 30,
     ("First visit: ask how they like to be kept informed.",
      "Learn their preferences: how to reach them, and what matters most to them, the time or "
      "the expense."),
     ("首次来店：问问客户希望怎样联系。",
      "了解客户的偏好：怎样联系他，以及他最在意的是时间还是费用。")),
    ("know_need", "fleet", "always", "do", 30,
     ("Fleet: record the need vehicle by vehicle.",
      "Note each vehicle's concern separately with its plate, so that the fleet contact gets a "
      "clear account."),
     ("车队客户：按车辆分别记录需求。",
      "每辆车的问题连同车牌分别记录，以便向车队联系人清楚交代。")),
    # confirm
    ("confirm", "regular", "always", "do", 30,
     ("Regular: confirm as carefully as for a new customer.",
      "Knowing each other is no reason to skip the agreement: state the work, the time and the "
      "estimate, and record their yes."),
     ("老客户：确认要像对新客户一样仔细。",
      "彼此熟悉不是省略确认的理由：说明施工内容、时间和估价，并记录客户的同意。")),
    ("confirm", "in_a_hurry", "always", "say", 30,
     ("In a hurry: \u201cReady at \u2026, about \u2026. All right?\u201d",
      "Only the big, important points: what, when and how much. Agree, and let them go."),
     ("赶时间：“……点好，大约……元，可以吗？”",
      "只说重要的：做什么、什么时候好、多少钱。确认后让客户尽快离开。")),
    ("confirm", "price_minded", "always", "do", 30,
     ("Price-minded: an accurate estimate, and a call before anything extra.",
      "Give an accurate estimate, say what it includes, and agree that any further work is "
      "priced and approved before it is done."),
     ("注重价格：准确估价，额外项目先打电话。",
      "给出准确的估价，说明包含哪些项目，并约定任何额外工作都先报价、经客户同意后再做。")),
    ("confirm", "first_visit", "always", "do", 30,
     ("First visit: explain how it works here.",
      "Say what happens next, when and how you will update them, and what they are responsible "
      "for (for example collecting the car by closing time)."),
     ("首次来店：说明本店的服务流程。",
      "说明接下来的流程、何时以及如何通知客户，以及客户需要负责的事项（例如在下班前取车）。")),
    ("confirm", "fleet", "always", "do", 30,
     ("Fleet: confirm who approves extra work.",
      "Agree with the fleet contact who may approve work beyond the estimate, and record it."),
     ("车队客户：确认由谁批准额外工作。",
      "与车队联系人约定谁有权批准超出估价的工作，并记录下来。")),
    # help
    ("help", "regular", "always", "do", 30,
     ("Regular: explain the work and update the car's history.",
      "Explain what was done, update the vehicle's service history, and mention anything to "
      "watch before the next visit."),
     ("老客户：说明完成的工作，并更新车辆档案。",
      "说明完成的工作，更新车辆的维修记录，并提醒下次来店前需要留意的事项。")),
    ("help", "detail_minded", "always", "do", 30,
     ("Detail-minded: go through the invoice line by line.",
      "Give a detailed invoice and explain each line: what was done and why."),
     ("注重细节：逐项讲解发票。",
      "提供详细的发票并逐项说明：做了什么，为什么做。")),
    ("help", "price_minded", "always", "do", 30,
     ("Price-minded: show the invoice against the estimate.",
      "Show that the invoice matches the estimate they agreed; explain any difference, which "
      "must have been agreed with them beforehand."),
     ("注重价格：对照估价讲解发票。",
      "让客户看到发票与约定的估价一致；如有差异要解释，而且差异必须事先征得客户同意。")),
    ("help", "apprehensive", "always", "say", 30,
     ("Apprehensive: \u201cIs there anything else you would like to know?\u201d",
      "Take your time; explain what was found and what was done in plain words, and ask what "
      "else would help."),
     ("心存顾虑：“您还有什么想了解的吗？”",
      "不要着急；用通俗的话说明发现了什么、做了什么，问问客户还需要什么信息。")),
    ("help", "first_visit", "always", "do", 30,
     ("First visit: walk them through the invoice and the next service.",
      "Explain the invoice and when the next service is due; a first visit handled with care "
      "can win a customer for life."),
     ("首次来店：讲解发票和下次保养。",
      "讲解发票以及下次保养的时间；用心对待首次来店的客户，能赢得长期的客户。")),
    ("help", "fleet", "always", "do", 30,
     ("Fleet: a record for each vehicle, for the fleet contact.",
      "Keep a detailed record of all the work on each vehicle and give the fleet contact a "
      "summary."),
     ("车队客户：每辆车一份记录，交给车队联系人。",
      "详细记录每辆车完成的全部工作，并向车队联系人提供汇总。")),
    # keep
    ("keep", "regular", "always", "say", 30,
     ("Regular: \u201cThank you for coming back to us.\u201d",
      "Thank them for their loyalty and tell them when the next service is due."),
     ("老客户：“感谢您一直以来的支持。”",
      "感谢客户的信赖，并告知下次保养的时间。")),
    ("keep", "in_a_hurry", "always", "do", 30,
     ("In a hurry: one question, \u201cAll good?\u201d, then let them go.",
      "Check satisfaction even when they are in a rush; the thanks and the invitation back can "
      "be one sentence."),
     ("赶时间：问一句“都满意吗？”，然后让客户离开。",
      "即使客户赶时间也要确认满意度；感谢和邀请再次光临可以一句话说完。")),
    ("keep", "detail_minded", "always", "say", 30,
     ("Detail-minded: \u201cIs there anything we could have explained better?\u201d",
      "Ask for their opinion of the service and note it: feedback is how the shop improves."),
     ("注重细节：“有没有哪里我们可以解释得更清楚？”",
      "征求客户对服务的意见并记录下来：客户的反馈帮助我们改进。")),
    ("keep", "price_minded", "always", "say", 30,
     ("Price-minded: \u201cWas the invoice what you expected?\u201d",
      "Check that the cost matched what was agreed; if it did not, talk it through now: a "
      "problem found early is the easiest to put right."),
     ("注重价格：“费用和您预期的一致吗？”",
      "确认费用与约定相符；如有不符，当场沟通：问题发现得越早，越容易解决。")),
    ("keep", "apprehensive", "always", "say", 30,
     ("Apprehensive: \u201cCall us if anything worries you.\u201d",
      "Tell them whom to call if anything worries them after they leave; a follow-up shows you "
      "care."),
     ("心存顾虑：“有任何担心，随时给我们打电话。”",
      "告诉客户离店后有疑问可以找谁；事后回访让客户感受到关心。")),
    ("keep", "first_visit", "always", "say", 30,
     ("First visit: \u201cWe would be glad to see you again.\u201d",
      "Thank them for choosing you, invite them back, tell them when the next service is due "
      "and ask for their opinion."),
     ("首次来店：“欢迎您下次再来。”",
      "感谢客户选择我们，邀请再次光临，告知下次保养的时间，并征求客户的意见。")),
    # --- An upset customer (003 §2 and §4) ---
    ("greet", "any", "upset", *RECEIVE),
    *(("greet", "any", "upset", *step) for step in CALMING),
    *(("know_need", "any", "upset", *step) for step in CALMING),
    ("keep", "any", "upset", "do", 10,
     ("Still not satisfied: never argue; call the manager.",
      "If the customer is not satisfied, contact the manager for a further response (a score "
      "of 2 or less is escalated by itself). Never blame a colleague, the company or the brand."),
     ("仍不满意：不要争论，请经理处理。",
      "客户不满意时，联系经理作进一步处理（评分2分及以下会自动上报）。不要把失误归咎于其他员工，"
      "更不要归于公司或品牌。")),
    # --- Time or expense: what concerns them most (001) ---
    ("confirm", "any", "time_first", "do", 10,
     ("Time matters most: start with when the car will be ready.",
      "They told you time concerns them most: say first when the car will be ready, and make "
      "sure it can be kept; offer a ride or a loaner if they will be without the car."),
     ("最在意时间：先说明什么时候可以交车。",
      "客户说最在意时间：先说明什么时候交车，并确保能够兑现；如果客户需要等车，提供接送或代步车。")),
    ("confirm", "any", "expense_first", "do", 10,
     ("Expense matters most: start with an accurate estimate.",
      "They told you expense concerns them most: start with an accurate estimate, what it "
      "includes and what might cost more, and let them choose to go ahead with or decline each "
      "extra item."),
     ("最在意费用：先给出准确的估价。",
      "客户说最在意费用：先给出准确的估价，说明包含哪些项目、哪些可能另外收费，并让客户逐项决定"
      "是否增加项目。")),
    ("help", "any", "time_first", "do", 10,
     ("Time matters most: keep the promised time, or warn them early.",
      "Have the car, the keys and the invoice ready at the promised time. If it will be late, "
      "tell them as soon as you know, with a realistic new time."),
     ("最在意时间：按承诺时间交车，延误要尽早告知。",
      "在承诺的时间准备好车辆、钥匙和发票。如果会延误，一旦知道就告诉客户，并给出切实可行的新时间。")),
    ("help", "any", "expense_first", "do", 10,
     ("Expense matters most: show the invoice against the estimate.",
      "Go through the invoice against the estimate they agreed, line by line; explain any "
      "difference, which they must have approved before the work was done."),
     ("最在意费用：对照估价讲解发票。",
      "对照客户同意的估价逐项讲解发票；如有差异要解释，且差异必须在施工前征得客户同意。")),
    # --- On the phone: no body language to read, so ask (001) ---
    ("greet", "any", "phone", "say", 10,
     ("On the phone: let your voice carry the welcome.",
      "They cannot see your smile: a warm tone, clear words, the shop's name and yours. Give "
      "the call your full attention."),
     ("电话中：用声音传递欢迎。",
      "客户看不到您的微笑：语气温和、吐字清楚，报上店名和您的名字。全神贯注地接听电话。")),
    ("know_need", "any", "phone", "say", 10,
     ("On the phone you cannot read body language: ask.",
      "Rely on questions: \u201cWhat would make this visit go well for you?\u201d, \u201cWhen do "
      "you need the car back?\u201d If you sense hesitation: \u201cIs it the time or the expense "
      "that concerns you most?\u201d"),
     ("电话中看不到肢体语言：多提问。",
      "依靠提问了解客户：“怎样安排对您最合适？”“您什么时候需要用车？”察觉到犹豫时，问一句："
      "“您最在意的是时间还是费用？”")),
    ("confirm", "any", "phone", "say", 10,
     ("On the phone: read it back, \u201cHave I got that right?\u201d",
      "Repeat the work, the time and the estimate, then ask: \u201cHave I got that right? Is "
      "there anything else you would like to know?\u201d"),
     ("电话中：复述一遍，“我理解得对吗？”",
      "复述施工内容、时间和估价，然后问：“我理解得对吗？您还有什么想了解的吗？”")),
    ("keep", "any", "phone", "say", 10,
     ("On the phone: ask \u201cIs there anything we could do better?\u201d",
      "Without their face to read, ask outright whether they are satisfied and what could be "
      "better, and note what they say."),
     ("电话中：问“有什么我们可以做得更好吗？”",
      "看不到客户的表情，就直接询问是否满意、哪里可以改进，并记录客户的意见。")),
    # --- Taking in a complaint: the four steps of 003 §3, the calming steps beside them ---
    ("complaint_intake", "any", "always", "do", 10,
     ("1. Listen attentively.",
      "Listen carefully, so the customer feels we sincerely want to understand and deal with "
      "the problem; look at them, out of respect; make sure you have fully understood it."),
     ("1. 专注倾听。",
      "仔细倾听，让客户感受到我们是真诚地了解及处理问题；目光注视客户，表示尊敬；确认完全了解"
      "客户的问题。")),
    ("complaint_intake", "any", "always", "do", 20,
     ("2. Get the facts.",
      "Show with your body language that the problem matters to you; never get angry or let it "
      "turn personal; show that you feel the same and want to solve it; judge what kind of "
      "complaint it is."),
     ("2. 了解事实。",
      "用肢体语言表达我们对问题的关心；千万不要动怒，将问题转化为私人冲突；表现出相同感受并有意愿"
      "解决问题；判断抱怨属于何种性质。")),
    ("complaint_intake", "any", "always", "say", 30,
     ("3. Show you care: \u201cI\u2019m very sorry this happened.\u201d",
      "Whoever is right or wrong, show that we care about the problem, sincerely; say something "
      "like \u201cI\u2019m very sorry this happened\u201d; suggest a reasonable solution and ask "
      "the customer's opinion."),
     ("3. 表示关心：“我很遗憾发生这种事。”",
      "无论谁对谁错，一定要表示我们对此问题的关心，表现出真诚的态度；表达如“我很遗憾发生这种事”"
      "之类的话语；建议合理的解决方式，征求客户的意见。")),
    ("complaint_intake", "any", "always", "do", 40,
     ("4. Satisfy the customer.",
      "Solve the problem straight away, to the customer's satisfaction: the sooner, the "
      "simpler the complaint stays."),
     ("4. 使客户满意。",
      "立即解决问题，使客户满意：解决得越快，投诉越容易化解。")),
    ("complaint_intake", "any", "upset", *RECEIVE),
    *(("complaint_intake", "any", "upset", *step) for step in CALMING),
]


def load(apps, schema_editor):
    CoachingTip = apps.get_model("interactions", "CoachingTip")
    for stage, customer_type, when, kind, ordering, en, zh in TIPS:
        for language, (short, long) in (("en", en), ("zh-hans", zh)):
            CoachingTip.objects.get_or_create(
                stage=stage,
                customer_type=customer_type,
                when=when,
                language=language,
                kind=kind,
                ordering=ordering,
                defaults={"short_text": short, "long_text": long},
            )


def unload(apps, schema_editor):
    CoachingTip = apps.get_model("interactions", "CoachingTip")
    situational = models.Q(stage="complaint_intake") | ~models.Q(when="always")
    CoachingTip.objects.filter(situational).delete()


class Migration(migrations.Migration):
    dependencies = [("interactions", "0011_canned_replies")]

    operations = [
        migrations.AddField(
            model_name="coachingtip",
            name="when",
            field=models.CharField(
                choices=WHEN_CHOICES, default="always", max_length=20, verbose_name="shown when"
            ),
        ),
        migrations.AlterField(
            model_name="coachingtip",
            name="stage",
            field=models.CharField(choices=PLACES, max_length=20, verbose_name="stage"),
        ),
        migrations.RunPython(load, unload),
    ]
