# Applies the self-service purchase policy of the scenario "Trials only: no card, no purchase".
# Written by licsim. Review it, then run it in PowerShell as a Global or Billing
# administrator (module MSCommerce: Install-Module -Name MSCommerce).
# A change applies to new trials and purchases only; existing ones carry on.
Import-Module -Name MSCommerce
Connect-MSCommerce

Update-MSCommerceProductPolicy -PolicyId AllowSelfServicePurchase -ProductId CFQ7TTC0H9MP -Value OnlyTrialsWithoutPaymentMethod  # Power BI Pro
Update-MSCommerceProductPolicy -PolicyId AllowSelfServicePurchase -ProductId CFQ7TTC0H6RP -Value OnlyTrialsWithoutPaymentMethod  # Power BI Premium Per User
Update-MSCommerceProductPolicy -PolicyId AllowSelfServicePurchase -ProductId CFQ7TTC0LH2H -Value OnlyTrialsWithoutPaymentMethod  # Power Apps Premium (was per user)
Update-MSCommerceProductPolicy -PolicyId AllowSelfServicePurchase -ProductId CFQ7TTC0LH3L -Value OnlyTrialsWithoutPaymentMethod  # Power Automate Premium (was per user)
Update-MSCommerceProductPolicy -PolicyId AllowSelfServicePurchase -ProductId CFQ7TTC0LSGZ -Value OnlyTrialsWithoutPaymentMethod  # Power Automate RPA (attended, per user)
Update-MSCommerceProductPolicy -PolicyId AllowSelfServicePurchase -ProductId CFQ7TTC0HD33 -Value OnlyTrialsWithoutPaymentMethod  # Visio Plan 1
Update-MSCommerceProductPolicy -PolicyId AllowSelfServicePurchase -ProductId CFQ7TTC0HD32 -Value OnlyTrialsWithoutPaymentMethod  # Visio Plan 2
Update-MSCommerceProductPolicy -PolicyId AllowSelfServicePurchase -ProductId CFQ7TTC0HDB1 -Value OnlyTrialsWithoutPaymentMethod  # Planner Plan 1 (was Project Plan 1)
Update-MSCommerceProductPolicy -PolicyId AllowSelfServicePurchase -ProductId CFQ7TTC0HDB0 -Value OnlyTrialsWithoutPaymentMethod  # Planner and Project Plan 3
Update-MSCommerceProductPolicy -PolicyId AllowSelfServicePurchase -ProductId CFQ7TTC0J203 -Value OnlyTrialsWithoutPaymentMethod  # Windows 365 Business
Update-MSCommerceProductPolicy -PolicyId AllowSelfServicePurchase -ProductId CFQ7TTC0N8SS -Value OnlyTrialsWithoutPaymentMethod  # Clipchamp Premium
Update-MSCommerceProductPolicy -PolicyId AllowSelfServicePurchase -ProductId CFQ7TTC0MM8R -Value OnlyTrialsWithoutPaymentMethod  # Microsoft 365 Copilot
Update-MSCommerceProductPolicy -PolicyId AllowSelfServicePurchase -ProductId CFQ7TTC0RM8K -Value OnlyTrialsWithoutPaymentMethod  # Teams Premium

# Not carried out by this script, part of the same policy:
#   products Microsoft adds later start Enabled: rerun this for them
