"""The first coaching texts, drawn from the seeds (the five-stage cycle, reading each customer,
the communication log). Managers edit them in the admin afterwards; this only adds rows that
are missing, and removing it backwards deletes nothing a manager wrote."""

from django.db import migrations

# stage, customer type ("any" for everyone), kind, order,
# (English short, English long), (Chinese short, Chinese long)
TIPS = [
    # greet
    ("greet", "any", "do", 10,
     ("Be ready; greet at once and watch for cues.",
      "Stop what you are doing, make eye contact and smile. Notice first cues — in a hurry, "
      "apprehensive, upset — so you can treat this customer as a person, not a ticket."),
     ("准备就绪，立即迎接，观察线索。",
      "放下手头的事，目光接触，微笑。留意最初的线索——赶时间、心存顾虑、不满——"
      "把这位客户当作一个人来对待，而不是一张单子。")),
    ("greet", "any", "say", 20,
     ("\u201cGood morning, welcome — how can I help you today?\u201d",
      "A warm welcome, by name if you know it: \u201cGood morning Mr Li, welcome back — how can "
      "I help you today?\u201d It tells the customer you are ready and glad to help."),
     ("“您好，欢迎光临，今天有什么可以帮您？”",
      "热情问候，认识的客户称呼姓名：“李先生您好，欢迎再次光临，今天有什么可以帮您？”"
      "让客户感到您已准备好并乐意帮忙。")),
    ("greet", "in_a_hurry", "do", 30,
     ("In a hurry: skip the small talk, go straight to the need.",
      "This customer is short of time. Keep the welcome brief and move to what they need."),
     ("赶时间：省去寒暄，直奔需求。", "这位客户时间紧。迎接要简短，尽快了解需求。")),
    ("greet", "apprehensive", "do", 30,
     ("Apprehensive: slow down and reassure.",
      "Offer a seat and a drink, explain what happens next, and ask what information would "
      "help them feel comfortable."),
     ("心存顾虑：放慢节奏，给予安心。",
      "请客户入座、奉上饮品，说明接下来的流程，并问问什么信息能让他更放心。")),
    # know_need
    ("know_need", "any", "do", 10,
     ("Listen to the whole message; restate what you heard.",
      "Listen for facts and feelings — words, tone and body language — without distraction. "
      "Then restate the need in your own words so the customer can correct you."),
     ("听完整的信息，复述您听到的内容。",
      "专注倾听事实和感受——言语、语气和肢体语言。然后用自己的话复述需求，让客户可以纠正您。")),
    ("know_need", "any", "say", 20,
     ("Ask: \u201cIs it the time or the expense that concerns you most?\u201d",
      "Ask clarifying questions where the customer was not specific: \u201cWhen did it start?\u201d, "
      "\u201cDoes it happen when braking?\u201d If you sense hesitation, ask \u201cIs it the time or "
      "the expense that concerns you most?\u201d"),
     ("问：“您最在意的是时间还是费用？”",
      "客户没说清楚的地方要追问：“什么时候开始的？”“是刹车时出现吗？”"
      "察觉到犹豫时，问一句：“您最在意的是时间还是费用？”")),
    ("know_need", "price_minded", "say", 30,
     ("Price-minded: give the cost range early.",
      "Say what the diagnosis costs before you start, and what the likely repair range is."),
     ("注重价格：尽早说明费用范围。", "开始前先说明检查费用，以及维修可能的费用范围。")),
    ("know_need", "in_a_hurry", "do", 30,
     ("In a hurry: one question at a time, only what you need.",
      "Ask only what you need to act; write the details down later."),
     ("赶时间：一次只问一个问题，只问必要的。", "只问办事必需的信息，细节稍后再记录。")),
    # confirm
    ("confirm", "any", "do", 10,
     ("Say what you can and cannot do, and what the customer must do.",
      "Explain limits positively. Agree the work, the promised time and the estimate, and what "
      "the customer is responsible for (e.g. collect by closing time). Record the agreement."),
     ("说明能做什么、不能做什么，以及客户需要做什么。",
      "以积极的方式说明限制。确认施工内容、承诺时间和估价，以及客户的责任（例如在下班前取车）。"
      "记录客户的同意。")),
    ("confirm", "any", "say", 20,
     ("\u201cSo we will … by … for about …. Is that all right with you?\u201d",
      "Summarise the arrangement and ask for agreement: \u201cSo we will replace the front pads by "
      "4 pm, about 480 yuan. Is that all right with you?\u201d It is brief, but it catches errors."),
     ("“那么我们会在……之前完成……，费用约……，您看可以吗？”",
      "总结安排并征求同意：“那么我们会在下午四点前更换前刹车片，费用约480元，您看可以吗？”"
      "虽然简短，却能及时发现错误。")),
    ("confirm", "detail_minded", "do", 30,
     ("Detail-minded: show the estimate line by line.",
      "Walk through each line of the estimate and what is included; offer a printed copy."),
     ("注重细节：逐项说明估价。", "逐项讲解估价单及包含的内容，并提供打印件。")),
    ("confirm", "apprehensive", "say", 30,
     ("Apprehensive: \u201cWe will call you before doing anything extra.\u201d",
      "Promise — and keep — a call before any work beyond what was agreed."),
     ("心存顾虑：“任何额外项目，我们都会先打电话征得您同意。”",
      "承诺并做到：超出约定范围的任何工作，都先打电话确认。")),
    # help
    ("help", "any", "do", 10,
     ("Deliver what was agreed, with the information that goes with it.",
      "Hand over the car and the invoice, explain what was done and what the customer should "
      "know (rotors at 60%, next service). Note it all in the record."),
     ("交付约定的服务，并提供相应的信息。",
      "交车并提供发票，说明完成了哪些工作以及客户需要了解的事项（如刹车盘剩余60%、下次保养时间），"
      "并全部记录在案。")),
    ("help", "any", "say", 20,
     ("\u201cHere is what we did, and what to keep an eye on.\u201d",
      "Plain words, no jargon: what was found, what was done, and what comes next."),
     ("“这是我们完成的工作，以及您需要留意的地方。”",
      "用通俗的话，不用术语：发现了什么、做了什么、接下来要注意什么。")),
    ("help", "in_a_hurry", "do", 30,
     ("In a hurry: keys, invoice, one sentence — done.",
      "Have everything ready before they arrive; the details can follow by message."),
     ("赶时间：钥匙、发票、一句话说明。", "客户到店前准备好一切，细节可稍后用短信发送。")),
    # keep
    ("keep", "any", "do", 10,
     ("Check satisfaction, thank them, invite them back.",
      "Check satisfaction even at the busiest times. A score of 2 or less, or a customer who is "
      "clearly unhappy, goes to the manager on duty at once."),
     ("确认满意度，表示感谢，邀请再次光临。",
      "即使在最忙的时候也要确认满意度。评分2分及以下，或客户明显不满，立即上报当班经理。")),
    ("keep", "any", "say", 20,
     ("\u201cAre you happy with everything today? Thank you — see you at your next service.\u201d",
      "\u201cAre you happy with everything today?\u201d — \u201cThank you for choosing us.\u201d — "
      "\u201cYour next service is due around …; we will remind you.\u201d"),
     ("“今天的服务您满意吗？谢谢您，下次保养见。”",
      "“今天的服务您都满意吗？”——“感谢您选择我们。”——“下次保养大约在……，我们会提前提醒您。”")),
    ("keep", "fleet", "do", 30,
     ("Fleet: confirm the next booking for the whole fleet.",
      "Agree the next visit dates with the fleet contact before they leave."),
     ("车队客户：确认整个车队的下次预约。", "在对方离开前与车队联系人约定下次到店日期。")),
]


def load(apps, schema_editor):
    CoachingTip = apps.get_model("interactions", "CoachingTip")
    for stage, customer_type, kind, ordering, en, zh in TIPS:
        for language, (short, long) in (("en", en), ("zh-hans", zh)):
            CoachingTip.objects.get_or_create(
                stage=stage,
                customer_type=customer_type,
                language=language,
                kind=kind,
                ordering=ordering,
                defaults={"short_text": short, "long_text": long},
            )


class Migration(migrations.Migration):
    dependencies = [("interactions", "0003_coaching_tip")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
