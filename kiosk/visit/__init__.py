"""A visit as the kiosk sees it: what a visitor asks for (intents) and where that leads.

Pure: no pygame, no window. The screen (`kiosk.ui`) turns taps into intents and draws where
the visit is; `VisitFlow` decides where that is and what is counted.
"""
