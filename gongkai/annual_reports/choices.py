from gongkai.reviews.choices import ReviewStatus

ReportStatus = ReviewStatus  # 拟稿 → 待初审 → 待终审 → 已审定待发布 → 已发布 (the review engine's)

GENERATOR_VERSION = "gongkai-annual-reports/1"
WARNING_DAYS = 30  # warn this many days before the agency's deadline
